import type { ReactNode } from 'react';
import styles from './SubNav.module.css';

/** A staff area's own pages (audit, admin) as tabs under the navbar; the children are its NavLinks. */
export function SubNav({ label, children }: { label: string; children: ReactNode }) {
  return (
    <nav aria-label={label} className={styles.subnav}>
      {children}
    </nav>
  );
}
