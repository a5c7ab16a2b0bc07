import { describe, expect, it } from 'vitest';
import { onUnauthorized, renewedAfter401 } from './http';

describe('renewedAfter401', () => {
  it('repeats the request after a renewal, gives up when the session is over, and says when it could not renew', async () => {
    onUnauthorized(async () => 'renewed');
    expect(await renewedAfter401()).toBe(true);

    onUnauthorized(async () => 'refused');
    expect(await renewedAfter401()).toBe(false);

    onUnauthorized(async () => 'failed');
    await expect(renewedAfter401()).rejects.toMatchObject({ status: 503, message: 'Cannot renew your session right now: try again in a moment.' });
  });
});
