import type { ReactNode } from 'react';

/** The card the login and register pages sit on, under the brand. */
export function AccountCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="account-page">
      <section className="card account-card">
        <header className="brand big">
          <img src="/web/avatar/bunnybook" alt="" width={56} height={56} />
          <span>Bunnybook</span>
        </header>
        <h1>{title}</h1>
        {children}
      </section>
    </main>
  );
}
