import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError';
import { ReportDraft, type ReportFiling } from './ReportDraft';

const filing = (answer: () => Promise<never> | Promise<void>, sent: string[] = []): ReportFiling => ({
  async file(subjectType, subjectId, reason) {
    sent.push(`${subjectType} ${subjectId} ${reason}`);
    await answer();
    return { id: 'r', status: 'OPEN', filedAt: '2026-12-03T00:00:00.000Z', subjectType, subjectId, reason };
  },
});

describe('ReportDraft', () => {
  it('sends the reason, trimmed, about its subject', async () => {
    const sent: string[] = [];
    const draft = new ReportDraft(filing(async () => undefined, sent), 'COMMENT', 'c1');
    draft.write('  rude words ');
    await draft.send();
    expect(sent).toEqual(['COMMENT c1 rude words']);
    expect(draft.value.outcome).toBe('reported');
  });

  it('sends nothing without a reason, or with one too long, and says why', async () => {
    const sent: string[] = [];
    const draft = new ReportDraft(filing(async () => undefined, sent), 'POST', 'p1');
    draft.write('   ');
    await draft.send();
    expect(draft.value.error).toBe('Say why you report this.');
    draft.write('x'.repeat(1001));
    await draft.send();
    expect(draft.value.error).toBe('At most 1000 characters.');
    expect(sent).toEqual([]);
  });

  it('takes a 409 as a report made before, and any other refusal as an error in words', async () => {
    const before = new ReportDraft(filing(async () => { throw new ApiError(409, 'you have already reported this'); }), 'PROFILE', 'm');
    before.write('spam');
    await before.send();
    expect(before.value.outcome).toBe('already-reported');
    expect(before.value.error).toBeNull();

    const refused = new ReportDraft(filing(async () => { throw new ApiError(403, 'Forbidden'); }), 'MESSAGE', 'x');
    refused.write('spam');
    await refused.send();
    expect(refused.value.outcome).toBeNull();
    expect(refused.value.error).toBe('Forbidden');
    expect(refused.value.sending).toBe(false);
  });
});
