import { Observable, Subject, asyncScheduler, defer, repeat, startWith, switchMap, timer, type SchedulerLike } from 'rxjs';
import { Store } from '../lib/store';
import { describe } from '../api/ApiError';
import type { ProjectionStatus } from './adminApi';

/** A group's status as shown: a rebuild's progress (0 to 1, never going backwards), null when none runs. */
export interface ProjectionView extends ProjectionStatus {
  rebuilding: boolean;
  shownProgress: number | null;
}

export interface ProjectionsState {
  projections: ProjectionView[];
  loaded: boolean;
  error: string | null;
}

export const POLL_INTERVALS = { live: 2_000, rebuilding: 500 };

/**
 * Keeps the projections' statuses fresh while `polling$` is subscribed (the page is open): every 2 s, every 500 ms
 * while any group rebuilds. A failed poll is shown and the polling goes on. `poke` asks again at once (after a
 * rebuild is requested, say).
 */
export class ProjectionStatusPoller extends Store<ProjectionsState> {
  private readonly pokes = new Subject<void>();
  readonly polling$: Observable<void>;

  constructor(
    private readonly fetchStatuses: () => Promise<ProjectionStatus[]>,
    scheduler: SchedulerLike = asyncScheduler,
    intervals = POLL_INTERVALS,
  ) {
    super({ projections: [], loaded: false, error: null });
    this.polling$ = this.pokes.pipe(
      startWith(undefined),
      switchMap(() =>
        defer(() => this.refresh()).pipe(
          repeat({ delay: () => timer(this.anyRebuilding() ? intervals.rebuilding : intervals.live, scheduler) }),
        ),
      ),
    );
  }

  poke(): void {
    this.pokes.next();
  }

  anyRebuilding(): boolean {
    return this.value.projections.some((p) => p.rebuilding);
  }

  private async refresh(): Promise<void> {
    try {
      const statuses = await this.fetchStatuses();
      this.update((s) => ({ projections: withShownProgress(s.projections, statuses), loaded: true, error: null }));
    } catch (e) {
      this.update((s) => ({ ...s, error: describe(e) }));
    }
  }
}

const UNDER_WAY = ['REQUESTED', 'REPLAYING', 'BUILDING', 'SWITCHING'];

/**
 * Marks the groups being rebuilt and their progress: 0 while the rebuild waits for every node to let go (in place)
 * or for its copy to be made (beside the live model), the replay's share while replaying or building the copy, 1 once
 * replayed or switching over (until the rebuild is marked finished). Nodes answer polls in turn and may see a replay
 * a little behind each other, so a rebuild's progress never goes below what was already shown.
 */
export function withShownProgress(previous: ProjectionView[], statuses: ProjectionStatus[]): ProjectionView[] {
  return statuses.map((status) => {
    const state = status.rebuild?.state;
    const rebuilding = status.replaying || (state !== undefined && UNDER_WAY.includes(state));
    if (!rebuilding) return { ...status, rebuilding, shownProgress: null };
    const progress = progressOf(status);
    const before = previous.find((p) => p.name === status.name && p.rebuild?.id === status.rebuild?.id);
    return { ...status, rebuilding, shownProgress: Math.max(progress, before?.shownProgress ?? 0) };
  });
}

function progressOf(status: ProjectionStatus): number {
  const state = status.rebuild?.state;
  if (state === 'BUILDING') return status.shadow?.progress ?? 0;
  if (state === 'SWITCHING') return 1;
  return status.replaying ? (status.progress ?? 0) : state === 'REPLAYING' ? 1 : 0;
}
