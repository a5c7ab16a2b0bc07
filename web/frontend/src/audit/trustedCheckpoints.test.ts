import { describe, expect, it } from 'vitest';
import { parseTrustedCheckpoints } from './trustedCheckpoints';

const hash = 'a'.repeat(64);

describe('parseTrustedCheckpoints', () => {
  it('reads nothing as no checkpoint', () => {
    expect(parseTrustedCheckpoints('  \n')).toEqual({ checkpoints: [], error: null });
  });

  it('reads the JSON the API publishes, keeping only position and chain hash', () => {
    const published = JSON.stringify([{ position: 1000, globalIndex: 1004, chainHash: hash, sealedAt: 'x' }]);
    expect(parseTrustedCheckpoints(published).checkpoints).toEqual([{ position: 1000, chainHash: hash }]);
    expect(parseTrustedCheckpoints(JSON.stringify({ checkpoints: [{ position: 2, chainHash: hash }] })).checkpoints)
      .toEqual([{ position: 2, chainHash: hash }]);
  });

  it('reads one pair per line', () => {
    expect(parseTrustedCheckpoints(`1000 ${hash}\n\n2000,${hash}`).checkpoints)
      .toEqual([{ position: 1000, chainHash: hash }, { position: 2000, chainHash: hash }]);
  });

  it('says what is wrong', () => {
    expect(parseTrustedCheckpoints('[{"position": "x"}]').error).toBe('Checkpoint 1 needs a position and a chainHash.');
    expect(parseTrustedCheckpoints('{oops').error).toBe('This is not valid JSON.');
    expect(parseTrustedCheckpoints(`1 ${hash}\nnope`).error).toBe('Line 2: expected "position chainHash".');
  });

  it('reads an exported checkpoint file, keeping what its signature covers', () => {
    const exported = { position: 40, globalIndex: 44, chainHash: hash, sealedAt: '2026-12-03T13:14:07.083Z', signature: 'b'.repeat(64) };
    expect(parseTrustedCheckpoints(JSON.stringify(exported)).checkpoints).toEqual([exported]);
    expect(parseTrustedCheckpoints(JSON.stringify([exported, { position: 50, chainHash: hash, signature: null }])).checkpoints)
      .toEqual([exported, { position: 50, chainHash: hash }]);
    expect(parseTrustedCheckpoints(JSON.stringify({ ...exported, sealedAt: undefined })).error)
      .toBe('Checkpoint 1 is signed: it needs its globalIndex and sealedAt, as exported.');
  });
});
