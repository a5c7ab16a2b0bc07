import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TypingIndicator } from './TypingIndicator';

const clover = { profileId: 'friend', username: 'clover', chatGroupId: 'g1' };

describe('TypingIndicator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows who is typing until 4 s after their last is_typing', () => {
    const typing = new TypingIndicator(() => true);
    typing.othersTyping(clover);
    vi.advanceTimersByTime(3_000);
    typing.othersTyping(clover);
    vi.advanceTimersByTime(3_999);
    expect(typing.value?.username).toBe('clover');
    vi.advanceTimersByTime(1);
    expect(typing.value).toBeNull();
  });

  it('hides as soon as their message arrives, not someone else’s', () => {
    const typing = new TypingIndicator(() => true);
    typing.othersTyping(clover);
    typing.messageFrom('me');
    expect(typing.value).not.toBeNull();
    typing.messageFrom('friend');
    expect(typing.value).toBeNull();
  });

  it('tells the server of the member’s typing at most every 3 s', () => {
    const send = vi.fn(() => true);
    const typing = new TypingIndicator(send);
    typing.iAmTyping();
    vi.advanceTimersByTime(1_000);
    typing.iAmTyping();
    vi.advanceTimersByTime(1_999);
    typing.iAmTyping();
    expect(send).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    typing.iAmTyping();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('skips what cannot be told while offline, and tells the next keystroke once back', () => {
    const send = vi.fn(() => false);
    const typing = new TypingIndicator(send);
    typing.iAmTyping();
    vi.advanceTimersByTime(1_000);
    expect(send).toHaveBeenCalledTimes(1);
    send.mockReturnValue(true);
    typing.iAmTyping();
    expect(send).toHaveBeenCalledTimes(2);
  });
});
