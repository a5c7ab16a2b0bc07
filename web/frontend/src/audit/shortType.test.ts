import { describe, expect, it } from 'vitest';
import { shortType } from './shortType';

describe('shortType', () => {
  it('keeps the simple name of a class', () => {
    expect(shortType('org.bunnybook.api.account.AccountRegistered')).toBe('AccountRegistered');
    expect(shortType('PostCreated')).toBe('PostCreated');
  });

  it('marks an unknown type', () => {
    expect(shortType(null)).toBe('?');
  });
});
