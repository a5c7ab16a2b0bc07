import type { TrustedCheckpoint } from './auditApi';

export type Parsed = { checkpoints: TrustedCheckpoint[]; error: null } | { checkpoints: null; error: string };

/**
 * Checkpoints an auditor kept, pasted as they were copied: the JSON of GET /web/audit/checkpoints (an array, or the
 * verify body `{"checkpoints": [...]}`), or one "position chainHash" pair per line (as the application log prints
 * them). Only the position and chain hash are sent; the server checks the hash's form.
 */
export function parseTrustedCheckpoints(text: string): Parsed {
  const trimmed = text.trim();
  if (!trimmed) return { checkpoints: [], error: null };
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return fromJson(trimmed);
  const checkpoints: TrustedCheckpoint[] = [];
  for (const [index, line] of trimmed.split('\n').entries()) {
    if (!line.trim()) continue;
    const [position, chainHash, ...rest] = line.trim().split(/[\s,;:=]+/);
    if (!isPosition(Number(position)) || !chainHash || rest.length > 0) {
      return { checkpoints: null, error: `Line ${index + 1}: expected "position chainHash".` };
    }
    checkpoints.push({ position: Number(position), chainHash });
  }
  return { checkpoints, error: null };
}

function fromJson(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { checkpoints: null, error: 'This is not valid JSON.' };
  }
  const list = Array.isArray(value) ? value : (value as { checkpoints?: unknown }).checkpoints;
  if (!Array.isArray(list)) return { checkpoints: null, error: 'Expected a list of checkpoints.' };
  const checkpoints: TrustedCheckpoint[] = [];
  for (const [index, item] of list.entries()) {
    const { position, chainHash } = (item ?? {}) as { position?: unknown; chainHash?: unknown };
    if (!isPosition(position) || typeof chainHash !== 'string') {
      return { checkpoints: null, error: `Checkpoint ${index + 1} needs a position and a chainHash.` };
    }
    checkpoints.push({ position, chainHash });
  }
  return { checkpoints, error: null };
}

const isPosition = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0;
