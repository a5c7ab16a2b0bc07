import { fetchApi, http, withQuery, type Query } from '../api/http';
import { ApiError } from '../api/ApiError';

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
  /** HMAC-SHA256 under the deployment's integrity key; null for checkpoints sealed before they were signed. */
  signature: string | null;
}

export type MismatchReason =
  | 'EVENT_ALTERED' | 'EVENT_MISSING' | 'LEDGER_ALTERED' | 'CHECKPOINT_MISMATCH' | 'CHECKPOINT_FORGED' | 'CHAIN_TRUNCATED';

/** The verdict of a verification, the worst finding (docs/auditing.md says what each proves). */
export type LedgerStatus =
  | 'INTACT' | 'BEHIND' | 'UNCHAINED' | 'TRUNCATED' | 'CHECKPOINT_MISMATCH' | 'CHECKPOINT_FORGED' | 'ALTERED'
  | 'SNAPSHOT_ALTERED';

export interface LedgerReport {
  intact: boolean;
  status: LedgerStatus;
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
  firstUnchained: number | null;
  /** The event store's last position when the verification began. */
  storeHead: number;
  /** Events up to `storeHead` the ledger had still not chained at the end. */
  behind: number;
  /** Chained events an erasure rewrote, accepted through their signed redaction record (absent in older reports). */
  redacted?: number;
  snapshots: {
    checked: number;
    altered: number;
    unsealed: number;
    firstAltered: { aggregateIdentifier: string; sequenceNumber: number; aggregateType: string } | null;
  } | null;
}

/** A verification of the ledger, run as a job: `entriesChecked` of `entriesTotal`, its report once FINISHED. */
export interface LedgerVerificationJob {
  verificationId: string;
  state: 'RUNNING' | 'FINISHED' | 'FAILED' | 'ABANDONED';
  requestedBy: string;
  requestedAt: string;
  entriesChecked: number;
  entriesTotal: number;
  finishedAt: string | null;
  report: LedgerReport | null;
  failure: string | null;
}

/** A verification asked for: the job started, or (`alreadyRunning`) the one that was running and is followed instead. */
export interface StartedVerification {
  job: LedgerVerificationJob;
  alreadyRunning: boolean;
}

/** A checkpoint kept outside the database, as the verify body takes it: a signed one comes whole, as exported. */
export interface TrustedCheckpoint {
  position: number;
  chainHash: string;
  globalIndex?: number;
  sealedAt?: string;
  signature?: string;
}

const aggregate = (id: string) => `/audit/aggregates/${encodeURIComponent(id)}`;

export const auditApi = {
  events: (query: Query) => http.get<AuditedEvent[]>('/audit/events', query),
  /** A page of the aggregate's events after sequence `after` (from its first if absent), at most `limit`. */
  history: (aggregateId: string, after?: number, limit?: number) =>
    http.get<AuditedEvent[]>(`${aggregate(aggregateId)}/events`, { after, limit }),
  state: (aggregateId: string, at: { sequence?: number; at?: string }) =>
    http.get<AggregateState>(`${aggregate(aggregateId)}/state`, at),
  catalog: () => http.get<CatalogType[]>('/audit/catalog'),
  checkpoints: (after: number, limit: number) => http.get<LedgerCheckpoint[]>('/audit/checkpoints', { after, limit }),
  /** Seals a signed checkpoint at the ledger's head now. */
  sealCheckpoint: () => http.post<LedgerCheckpoint>('/audit/checkpoints'),
  /** The newest signed checkpoint, to keep outside the database. */
  latestCheckpoint: () => http.get<LedgerCheckpoint>('/audit/checkpoints/latest'),
  /** Starts a verification; 409 answers the one already running (one at a time in the cluster), followed instead. */
  startVerification: async (checkpoints: TrustedCheckpoint[]): Promise<StartedVerification> => {
    const response = await fetchApi('/audit/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(checkpoints.length > 0 ? { checkpoints } : {}),
    });
    if (response.status !== 202 && response.status !== 409) throw await ApiError.from(response);
    return { job: (await response.json()) as LedgerVerificationJob, alreadyRunning: response.status === 409 };
  },
  verification: (id: string) => http.get<LedgerVerificationJob>(`/audit/verify/${encodeURIComponent(id)}`),
  /** For `fetchApi`, which streams it (EventExport). */
  exportPath: (query: Query) => withQuery('/audit/export', query),
};
