import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { ProjectionStatus, Rebuild } from './adminApi';
import { ProjectionStatusPoller, withShownProgress } from './ProjectionStatusPoller';

const live = (name = 'posts'): ProjectionStatus => ({
  name, replaying: false, progress: null, position: 10, head: 10, lag: 0, segments: [],
  thisNode: { node: 'n1', running: true, error: false, errors: [] }, deadLetters: 0, rebuildable: true, besideLive: false,
  rebuild: null, shadow: null,
});
const rebuild = (id: number, state: Rebuild['state']) => ({ id, state }) as Rebuild;
const replaying = (progress: number, id = 1): ProjectionStatus =>
  ({ ...live(), replaying: true, progress, rebuild: rebuild(id, 'REPLAYING') });

const building = (progress: number, id = 1): ProjectionStatus => ({
  ...live(), besideLive: true, rebuild: rebuild(id, 'BUILDING'),
  shadow: { name: 'posts.rebuild', replaying: progress < 1, progress, position: 5, lag: 5, segments: [], runningHere: true,
    deadLetters: 0 },
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A poller on virtual time, answering with `answers` in turn (the last one again once they run out). */
function polling(answers: ProjectionStatus[][]) {
  const scheduler = new VirtualTimeScheduler();
  const askedAt: number[] = [];
  const poller = new ProjectionStatusPoller(async () => {
    askedAt.push(scheduler.now());
    return answers.length > 1 ? answers.shift()! : answers[0];
  }, scheduler);
  /** Lets the pending answer arrive, then runs the clock to the next poll. */
  const tick = async () => {
    await settle();
    scheduler.flush();
  };
  return { poller, scheduler, askedAt, tick };
}

describe('ProjectionStatusPoller', () => {
  it('polls every 2 s while everything is live', async () => {
    const { poller, askedAt, tick } = polling([[live()]]);
    const subscription = poller.polling$.subscribe();
    await tick();
    await tick();
    await settle();
    expect(askedAt).toEqual([0, 2000, 4000]);
    expect(poller.value.loaded).toBe(true);
    subscription.unsubscribe();
  });

  it('polls every 500 ms while a group rebuilds, and slows down once it is done', async () => {
    const requested = { ...live(), rebuild: rebuild(1, 'REQUESTED') };
    const finished = { ...live(), rebuild: rebuild(1, 'FINISHED') };
    const { poller, askedAt, tick } = polling([[requested], [replaying(0.5)], [finished]]);
    const subscription = poller.polling$.subscribe();
    await tick();
    await tick();
    await tick();
    await settle();
    expect(askedAt).toEqual([0, 500, 1000, 3000]);
    subscription.unsubscribe();
  });

  it('stops when unsubscribed', async () => {
    const { poller, askedAt, tick } = polling([[live()]]);
    const subscription = poller.polling$.subscribe();
    await tick();
    subscription.unsubscribe();
    await tick();
    await tick();
    expect(askedAt).toEqual([0, 2000]);
  });

  it('asks again at once when poked', async () => {
    const { poller, askedAt, scheduler } = polling([[live()]]);
    const subscription = poller.polling$.subscribe();
    await settle();
    scheduler.schedule(() => poller.poke(), 700);
    scheduler.flush();
    await settle();
    expect(askedAt).toEqual([0, 700]);
    subscription.unsubscribe();
  });

  it('shows a failed poll and keeps polling', async () => {
    let fail = true;
    const scheduler = new VirtualTimeScheduler();
    const poller = new ProjectionStatusPoller(async () => {
      if (fail) throw new TypeError('offline');
      return [live()];
    }, scheduler);
    const subscription = poller.polling$.subscribe();
    await settle();
    expect(poller.value.error).toBe('Cannot reach Bunnybook: check your connection.');
    fail = false;
    scheduler.flush();
    await settle();
    expect(poller.value.error).toBeNull();
    expect(poller.value.projections).toHaveLength(1);
    subscription.unsubscribe();
  });
});

describe('withShownProgress', () => {
  it('never lets a rebuild go backwards', () => {
    const first = withShownProgress([], [replaying(0.6)]);
    expect(first[0].shownProgress).toBe(0.6);
    expect(withShownProgress(first, [replaying(0.4)])[0].shownProgress).toBe(0.6);
    expect(withShownProgress(first, [replaying(0.8)])[0].shownProgress).toBe(0.8);
  });

  it('starts a new rebuild from its own progress', () => {
    const first = withShownProgress([], [replaying(0.9, 1)]);
    expect(withShownProgress(first, [replaying(0.1, 2)])[0].shownProgress).toBe(0.1);
  });

  it('shows 0 while requested, 1 once replayed, nothing when live', () => {
    const requested = { ...live(), rebuild: rebuild(3, 'REQUESTED') };
    expect(withShownProgress([], [requested])[0]).toMatchObject({ rebuilding: true, shownProgress: 0 });
    const replayed = { ...live(), rebuild: rebuild(3, 'REPLAYING') };
    expect(withShownProgress([], [replayed])[0].shownProgress).toBe(1);
    expect(withShownProgress([], [live()])[0]).toMatchObject({ rebuilding: false, shownProgress: null });
  });

  it('follows the copy built beside the live model, which itself stays live, and shows 1 while switching', () => {
    const first = withShownProgress([], [building(0.3)]);
    expect(first[0]).toMatchObject({ rebuilding: true, shownProgress: 0.3, replaying: false });
    expect(withShownProgress(first, [building(0.2)])[0].shownProgress).toBe(0.3);
    const switching = { ...building(1), rebuild: rebuild(1, 'SWITCHING') };
    expect(withShownProgress(first, [switching])[0].shownProgress).toBe(1);
    const switched = { ...live(), besideLive: true, rebuild: rebuild(1, 'FINISHED') };
    expect(withShownProgress(first, [switched])[0]).toMatchObject({ rebuilding: false, shownProgress: null });
  });
});
