import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <section className="card not-found">
      <img src="/web/avatar/lost-bunny" alt="" width={128} height={128} />
      <h1>This burrow is empty</h1>
      <p>The page you were looking for does not exist, or you are not allowed to see it.</p>
      <Link to="/">Back to your feed</Link>
    </section>
  );
}
