/** "edited", with when in a tooltip; nothing for content never edited. */
export function EditedMark({ at }: { at?: string | null }) {
  if (!at) return null;
  const when = new Date(at).toLocaleString();
  return (
    <span className="hint" data-testid="edited" title={`Edited ${when}`}>
      <time dateTime={at}>edited</time>
    </span>
  );
}
