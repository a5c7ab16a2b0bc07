import { Link } from 'react-router';
import type { AuditedEvent } from './auditApi';
import { shortType } from './shortType';
import { EventDetails } from './EventDetails';
import { StoredTime } from './StoredTime';
import styles from './Audit.module.css';

export function EventTable({ events }: { events: AuditedEvent[] }) {
  return (
    <div className={styles.scroll}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Type</th>
            <th scope="col">Aggregate</th>
            <th scope="col">Sequence</th>
            <th scope="col">Actor</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.globalPosition} data-testid="audit-event">
              <td>{event.globalPosition}</td>
              <td className={`${styles.mono} ${styles.nowrap}`}><StoredTime at={event.timestamp} /></td>
              <td title={event.type}>{shortType(event.type)}</td>
              <td>
                <Link to={`/audit/aggregates/${encodeURIComponent(event.aggregateId)}`}>
                  {event.aggregateType}
                  <br />
                  <span className={styles.mono}>{event.aggregateId}</span>
                </Link>
              </td>
              <td>{event.sequence}</td>
              <td className={styles.mono}>{event.metadata?.actor ?? '—'}</td>
              <td><EventDetails event={event} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
