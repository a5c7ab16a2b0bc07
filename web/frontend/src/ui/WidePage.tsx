import type { ReactNode } from 'react';
import styles from './WidePage.module.css';

/** A page that needs the width of a table: it widens past the shell's reading width, up to 1100px. */
export function WidePage({ children }: { children: ReactNode }) {
  return <div className={styles.wide}>{children}</div>;
}
