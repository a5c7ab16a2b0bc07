import { describe, expect, it, vi } from 'vitest';
import { ProfileNames } from './ProfileNames';

describe('ProfileNames', () => {
  it('asks once per profile, and again after a failed look-up', async () => {
    const find = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('offline'))
      .mockResolvedValue({ id: 'bob', username: 'bob' });
    const names = new ProfileNames(find);

    await expect(names.usernameOf('bob')).rejects.toThrow('offline');
    expect(await names.usernameOf('bob')).toBe('bob');
    expect(await names.usernameOf('bob')).toBe('bob');
    expect(find).toHaveBeenCalledTimes(2);
  });

  it('knows the profiles already loaded', async () => {
    const find = vi.fn();
    const names = new ProfileNames(find);

    names.remember({ id: 'ann', username: 'ann' });

    expect(await names.usernameOf('ann')).toBe('ann');
    expect(find).not.toHaveBeenCalled();
  });
});
