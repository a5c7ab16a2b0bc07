import { describe as suite, expect, it } from 'vitest';
import { ApiError, describe } from './ApiError';

suite('ApiError', () => {
  it('names each invalid field of a 422', () => {
    const error = ApiError.of(422, { detail: [{ loc: ['body', 'username'], msg: 'size must be between 2 and 32' }] });
    expect(error.fields).toEqual({ username: 'size must be between 2 and 32' });
    expect(error.message).toBe('username: size must be between 2 and 32');
  });

  it('names the taken field of a 409', () => {
    const error = ApiError.of(409, { message: 'email already taken', code: 'EmailAlreadyTaken', error: { field: 'email' } });
    expect(error.fields).toEqual({ email: 'email already taken' });
  });

  it('speaks for the server where its words would not help a member', () => {
    expect(ApiError.of(401, { detail: 'Unauthorized' }).message).toBe('Please log in again.');
    expect(ApiError.of(404, undefined).message).toBe('Not found: it may have been deleted.');
    expect(ApiError.of(409, { message: 'UnexpectedRelationshipState' }).message).toContain('friendship changed');
    expect(ApiError.of(418, 'not json').message).toBe('Something went wrong (418).');
  });

  it('tells an unreachable server from a refusal', () => {
    expect(describe(new TypeError('Failed to fetch'))).toBe('Cannot reach Bunnybook: check your connection.');
    expect(describe(new ApiError(403, 'You are not allowed to do that.'))).toBe('You are not allowed to do that.');
  });
});
