import { http } from '../api/http';
import type { Me, Profile, Role } from '../api/types';

// The projection admin API's shapes (web/.../projection/ProjectionController.java).

/** REPLAYING is a rebuild in place; BUILDING and SWITCHING one beside the live read model. */
export type RebuildState = 'REQUESTED' | 'REPLAYING' | 'BUILDING' | 'SWITCHING' | 'FINISHED' | 'CANCELLED';

export interface Rebuild {
  id: number;
  state: RebuildState;
  /** Built beside the live read model, which serves until the switch, rather than over it. */
  besideLive: boolean;
  requestedBy: string;
  requestedAt: string;
  resetAt: string | null;
  resetByNode: string | null;
  finishedAt: string | null;
}

export interface Segment {
  segment: number;
  /** The node holding it; null: none at the moment. */
  owner: string | null;
  position: number | null;
  replaying: boolean;
  progress: number | null;
}

/** How a processing group stands across the nodes, plus what the answering node knows of its own processor. */
export interface ProjectionStatus {
  name: string;
  replaying: boolean;
  /** While replaying, the share of history replayed (0 to 1); null when live. */
  progress: number | null;
  position: number | null;
  head: number;
  lag: number | null;
  segments: Segment[];
  thisNode: { node: string; running: boolean; error: boolean; errors: string[] };
  deadLetters: number;
  rebuildable: boolean;
  /** Rebuilt beside its live read model (it declares its tables), so its readers never see it partial. */
  besideLive: boolean;
  /** The current rebuild, else the last one. */
  rebuild: Rebuild | null;
  /** The read model being built beside the live one, while such a rebuild is under way. */
  shadow: ShadowStatus | null;
}

/** The processor building a read model beside the live one (`<name>.rebuild`), with tokens of its own. */
export interface ShadowStatus {
  name: string;
  replaying: boolean;
  /** The share of history built so far (0 to 1). */
  progress: number | null;
  position: number | null;
  lag: number | null;
  segments: Segment[];
  runningHere: boolean;
  deadLetters: number;
}

export interface ParkedEvent {
  sequence: string;
  index: number;
  eventId: string;
  type: string;
  aggregateType: string | null;
  aggregateId: string | null;
  aggregateSequence: number | null;
  enqueuedAt: string | null;
  lastTouched: string | null;
  causeType: string | null;
  causeMessage: string | null;
}

export interface RetryOutcome {
  processed: number;
  remainingSequences: number;
}

/** A member's account as an admin reads it (web/.../admin/RoleController.java): the shape of one's own `/me`. */
export type Account = Me;

const projection = (name: string) => `/admin/projections/${encodeURIComponent(name)}`;
const profile = (id: string) => `/admin/profiles/${encodeURIComponent(id)}`;

export const adminApi = {
  projections: () => http.get<ProjectionStatus[]>('/admin/projections'),
  projection: (name: string) => http.get<ProjectionStatus>(projection(name)),
  rebuild: (name: string) => http.post<Rebuild>(`${projection(name)}/rebuild`),
  cancelRebuild: (name: string) => http.delete(`${projection(name)}/rebuild`),
  deadLetters: (name: string) => http.get<ParkedEvent[]>(`${projection(name)}/dead-letters`),
  retryAll: (name: string) => http.post<RetryOutcome>(`${projection(name)}/dead-letters/retry`),
  retry: (name: string, sequence: string) =>
    http.post<RetryOutcome>(`${projection(name)}/dead-letters/${encodeURIComponent(sequence)}/retry`),
  evict: (name: string, sequence: string) => http.delete(`${projection(name)}/dead-letters/${encodeURIComponent(sequence)}`),
  /** The members' own username search (open to every member): how an admin finds whom to grant a role. */
  findMembers: (query: string) => http.get<Profile[]>('/profiles', { username_query: query }),
  account: (id: string) => http.get<Account>(profile(id)),
  grantRole: (id: string, role: Role) => http.put<Account>(`${profile(id)}/role`, { role }),
};
