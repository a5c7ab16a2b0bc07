import { describe, expect, it } from 'vitest';
import { pageOfOurs } from './pageOfOurs';

const origin = 'https://bunnybook.test';

describe('pageOfOurs', () => {
  it('leads back to the page of this site the member came from', () => {
    expect(pageOfOurs('/profiles/p1?tab=friends#top', origin)).toBe('/profiles/p1?tab=friends#top');
    expect(pageOfOurs(null, origin)).toBe('/');
  });

  it('never leads to another site, however the address is disguised', () => {
    for (const elsewhere of ['//evil.test/x', 'https://evil.test/', '/\\evil.test', '\\\\evil.test', 'javascript:alert(1)', 'http://[']) {
      expect(pageOfOurs(elsewhere, origin)).toBe('/');
    }
  });
});
