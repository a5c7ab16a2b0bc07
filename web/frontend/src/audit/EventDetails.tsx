import type { AuditedEvent } from './auditApi';
import styles from './Audit.module.css';

/** An event's payload and metadata, folded away until asked for. */
export function EventDetails({ event }: { event: AuditedEvent }) {
  return (
    <details className={styles.details}>
      <summary>Payload and metadata</summary>
      <pre className={styles.json}>{JSON.stringify({ payload: event.payload, metadata: event.metadata }, null, 2)}</pre>
      <p className="hint">
        Event {event.eventId}, revision {event.revision ?? '?'}
      </p>
    </details>
  );
}
