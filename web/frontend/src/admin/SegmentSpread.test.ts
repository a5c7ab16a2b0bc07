import { describe, expect, it } from 'vitest';
import type { ProjectionStatus, Segment } from './adminApi';
import { segmentSpread } from './SegmentSpread';

const segment = (id: number, owner: string | null): Segment =>
  ({ segment: id, owner, position: 1, replaying: false, progress: null });
const group = (name: string, ...segments: Segment[]) => ({ name, segments }) as ProjectionStatus;

describe('segmentSpread', () => {
  it('counts the segments and groups each node holds, nodes by name and unheld segments last', () => {
    const spread = segmentSpread([
      group('posts', segment(0, 'node-b'), segment(1, 'node-a')),
      group('walls', segment(0, null), segment(1, 'node-a')),
      group('ledger', segment(0, 'node-b')),
    ]);
    expect(spread).toEqual([
      { node: 'node-a', segments: 2, groups: 2 },
      { node: 'node-b', segments: 2, groups: 2 },
      { node: null, segments: 1, groups: 1 },
    ]);
  });

  it('is empty before any group has started', () => {
    expect(segmentSpread([group('posts')])).toEqual([]);
  });
});
