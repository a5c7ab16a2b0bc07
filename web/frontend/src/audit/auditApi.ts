import { http, withQuery, type Query } from '../api/http';

// The audit API's shapes (web/.../audit/AuditController.java and docs/auditing.md).

/** A stored event as written: type and revision before any upcasting, timestamp at its stored precision. */
export interface AuditedEvent {
  globalPosition: number;
  eventId: string;
  aggregateId: string;
  aggregateType: string;
  sequence: number;
  type: string;
  revision: string | null;
  timestamp: string | null;
  payload: unknown;
  metadata: { actor?: string; [key: string]: unknown } | null;
}

export interface CatalogType {
  type: string;
  name: string;
  revision: string;
  fields: { name: string; type: string; sensitive: boolean }[];
}

/** An aggregate after `eventsApplied` events, the last numbered `sequence`; `state` is null before it existed. */
export interface AggregateState {
  aggregateId: string;
  aggregateType: string;
  sequence: number | null;
  timestamp: string | null;
  eventsApplied: number;
  state: unknown;
}

export interface LedgerCheckpoint {
  position: number;
  globalIndex: number;
  chainHash: string;
  sealedAt: string;
}

export type MismatchReason = 'EVENT_ALTERED' | 'EVENT_MISSING' | 'LEDGER_ALTERED' | 'CHECKPOINT_MISMATCH' | 'CHAIN_TRUNCATED';

export interface LedgerReport {
  intact: boolean;
  eventsChecked: number;
  checkpointsChecked: number;
  head: { position: number; globalIndex: number; chainHash: string } | null;
  firstMismatch: {
    position: number;
    globalIndex: number;
    eventIdentifier: string | null;
    aggregateIdentifier: string | null;
    sequenceNumber: number | null;
    payloadType: string | null;
    reason: MismatchReason;
  } | null;
  unchained: number;
}

/** A checkpoint kept outside the database, as the verify body takes it. */
export interface TrustedCheckpoint {
  position: number;
  chainHash: string;
}

const aggregate = (id: string) => `/audit/aggregates/${encodeURIComponent(id)}`;

export const auditApi = {
  events: (query: Query) => http.get<AuditedEvent[]>('/audit/events', query),
  history: (aggregateId: string) => http.get<AuditedEvent[]>(`${aggregate(aggregateId)}/events`),
  state: (aggregateId: string, at: { sequence?: number; at?: string }) =>
    http.get<AggregateState>(`${aggregate(aggregateId)}/state`, at),
  catalog: () => http.get<CatalogType[]>('/audit/catalog'),
  checkpoints: (after: number, limit: number) => http.get<LedgerCheckpoint[]>('/audit/checkpoints', { after, limit }),
  verify: (checkpoints: TrustedCheckpoint[]) =>
    http.post<LedgerReport>('/audit/verify', checkpoints.length > 0 ? { checkpoints } : undefined),
  /** For `fetchApi`, which streams it (EventExport). */
  exportPath: (query: Query) => withQuery('/audit/export', query),
};
