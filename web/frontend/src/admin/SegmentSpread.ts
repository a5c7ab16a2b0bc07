import type { ProjectionStatus } from './adminApi';

/** One node's share of the processing work: how many segments it holds, of how many groups (node null: unheld). */
export interface NodeShare {
  node: string | null;
  segments: number;
  groups: number;
}

/**
 * The segments of every group, counted per node that holds them (nodes first by name; unheld segments last, as
 * `null`), so an admin sees the work spread over the nodes or piled on one.
 */
export function segmentSpread(projections: ProjectionStatus[]): NodeShare[] {
  const shares = new Map<string | null, { segments: number; groups: Set<string> }>();
  for (const projection of projections) {
    for (const segment of projection.segments) {
      const share = shares.get(segment.owner) ?? { segments: 0, groups: new Set<string>() };
      share.segments += 1;
      share.groups.add(projection.name);
      shares.set(segment.owner, share);
    }
  }
  return [...shares.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([node, share]) => ({ node, segments: share.segments, groups: share.groups.size }));
}
