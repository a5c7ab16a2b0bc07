import type { ReactNode } from 'react';
import styles from './WidePage.module.css';

/**
 * A page that needs the width of a table: the shell's page widens to 1100px (less the open chat panel, which it keeps
 * clear of).
 */
export function WidePage({ children }: { children: ReactNode }) {
  return <div className={styles.wide}>{children}</div>;
}
