import { describe, expect, it, vi } from 'vitest';
import { ProfileNames } from './ProfileNames';
import { ApiError } from '../api/ApiError';

describe('ProfileNames', () => {
  it('asks once per profile, and again after a failed look-up', async () => {
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('offline'))
      .mockResolvedValue({ id: 'bob', username: 'bob' });
    const names = new ProfileNames(fetch);

    await expect(names.find('bob')).rejects.toThrow('offline');
    expect(await names.find('bob')).toEqual({ id: 'bob', username: 'bob' });
    expect(await names.find('bob')).toEqual({ id: 'bob', username: 'bob' });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('passes a missing profile on as the 404 it is, so pages can say there is no such bunny', async () => {
    const names = new ProfileNames(() => Promise.reject(new ApiError(404, 'Not found')));

    await expect(names.find('ghost')).rejects.toMatchObject({ status: 404 });
  });
});
