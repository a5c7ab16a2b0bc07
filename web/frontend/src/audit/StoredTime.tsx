/** An instant as stored, to its last digit (so it can be pasted into "State at time"); local time on hover. */
export function StoredTime({ at }: { at: string | null }) {
  if (!at) return <span className="muted">unreadable</span>;
  return (
    <time dateTime={at} title={new Date(at).toLocaleString()}>
      {at}
    </time>
  );
}
