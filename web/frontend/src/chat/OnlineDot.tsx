import styles from './OnlineDot.module.css';

/** The green dot of a friend who is online; nothing otherwise. */
export function OnlineDot({ online }: { online: boolean }) {
  if (!online) return null;
  return <span className={styles.dot} role="img" aria-label="online" title="Online" />;
}
