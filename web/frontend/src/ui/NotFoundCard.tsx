import { Link } from 'react-router';

/**
 * What a page shows when there is nothing for it (no such page, post or member): the lost bunny, what is missing,
 * why, and the way back. The title is the page's heading.
 */
export function NotFoundCard({ title, text, back = '/', backText = 'Back to your feed' }: {
  title: string;
  text: string;
  back?: string;
  backText?: string;
}) {
  return (
    <section className="card not-found">
      <img src="/web/avatar/lost-bunny" alt="" width={128} height={128} />
      <h1>{title}</h1>
      <p className="muted">{text}</p>
      <Link to={back}>{backText}</Link>
    </section>
  );
}
