import type { TrustedCheckpoint } from './auditApi';

export type Parsed = { checkpoints: TrustedCheckpoint[]; error: null } | { checkpoints: null; error: string };

/**
 * Checkpoints an auditor kept, pasted as they were copied: the JSON of GET /web/audit/checkpoints (an array, or the
 * verify body `{"checkpoints": [...]}`), the file GET /web/audit/checkpoints/latest exported (one checkpoint), or one
 * "position chainHash" pair per line (as the application log prints them). A signed checkpoint is sent whole, so the
 * server checks its signature too; otherwise only the position and chain hash. The server checks the forms.
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
  const list = Array.isArray(value) ? value : isCheckpoint(value) ? [value] : (value as { checkpoints?: unknown }).checkpoints;
  if (!Array.isArray(list)) return { checkpoints: null, error: 'Expected a list of checkpoints.' };
  const checkpoints: TrustedCheckpoint[] = [];
  for (const [index, item] of list.entries()) {
    const { position, chainHash, globalIndex, sealedAt, signature } = (item ?? {}) as Record<string, unknown>;
    if (!isPosition(position) || typeof chainHash !== 'string') {
      return { checkpoints: null, error: `Checkpoint ${index + 1} needs a position and a chainHash.` };
    }
    if (typeof signature === 'string') {
      if (!isPosition(globalIndex) || typeof sealedAt !== 'string') {
        return { checkpoints: null, error: `Checkpoint ${index + 1} is signed: it needs its globalIndex and sealedAt, as exported.` };
      }
      checkpoints.push({ position, chainHash, globalIndex, sealedAt, signature });
    } else {
      checkpoints.push({ position, chainHash });
    }
  }
  return { checkpoints, error: null };
}

const isCheckpoint = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && 'position' in value && 'chainHash' in value;

const isPosition = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0;
