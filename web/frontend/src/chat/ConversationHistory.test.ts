import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../api/types';
import { ConversationHistory, messageProblem } from './ConversationHistory';
import { message } from './testing';

function history(pages: ChatMessage[][] = [[]]) {
  const fetchPage = vi.fn(async () => pages.shift() ?? []);
  const post = vi.fn((_message: string, _clientMessageId: string) => true);
  let ids = 0;
  const subject = new ConversationHistory({ fetchPage, post, newId: () => `c${++ids}` });
  return { subject, fetchPage, post, view: () => firstValueFrom(subject.view$) };
}

describe('ConversationHistory', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the newest page oldest first and pages back with the oldest message seen', async () => {
    const page1 = Array.from({ length: 20 }, () => message()).reverse();
    const page2 = [message({ createdAt: '2024-12-31T00:00:00.000Z' })];
    const { subject, fetchPage, view } = history([page1, page2]);

    await subject.loadOlder();
    expect((await view()).messages.at(-1)).toBe(page1[0]);
    await subject.loadOlder();

    expect(fetchPage).toHaveBeenLastCalledWith(page1[19], 20);
    const shown = await view();
    expect(shown.messages[0]).toBe(page2[0]);
    expect(shown.exhausted).toBe(true);
  });

  it('shows a sent message at once, and the stored one once its echo arrives', async () => {
    const { subject, post, view } = history();
    await subject.loadOlder();

    subject.send('  hi clover \n');
    expect(post).toHaveBeenCalledWith('hi clover', 'c1');
    expect((await view()).pending).toEqual([{ clientMessageId: 'c1', content: 'hi clover', status: 'sending' }]);

    const echo = message({ content: 'hi clover', fromProfileId: 'me', clientMessageId: 'c1' });
    subject.receive(echo);
    vi.advanceTimersByTime(20_000);
    expect(await view()).toMatchObject({ messages: [echo], pending: [] });
  });

  it('marks a message not sent after 10 s without echo, and sends it again on retry', async () => {
    const { subject, post, view } = history();
    subject.send('hi');
    vi.advanceTimersByTime(9_999);
    expect((await view()).pending[0].status).toBe('sending');
    vi.advanceTimersByTime(1);
    expect((await view()).pending[0].status).toBe('unconfirmed');

    subject.retry('c1');
    expect(post).toHaveBeenCalledTimes(2);
    expect(post).toHaveBeenLastCalledWith('hi', 'c1');
    expect((await view()).pending[0].status).toBe('sending');
  });

  it('takes the stored copy echoed again, for a message sent again after its echo was lost, once', async () => {
    const { subject, post, view } = history();
    await subject.loadOlder();
    subject.send('hi');
    vi.advanceTimersByTime(10_000);
    subject.retry('c1');
    expect(post).toHaveBeenLastCalledWith('hi', 'c1');

    const stored = message({ content: 'hi', fromProfileId: 'me', clientMessageId: 'c1' });
    subject.receive(stored);
    subject.receive({ ...stored }); // the lost echo turning up after all
    expect(await view()).toMatchObject({ messages: [stored], pending: [] });
  });

  it('marks a message not sent at once while offline, and sends it again only on retry', async () => {
    const { subject, post, view } = history();
    post.mockReturnValueOnce(false);
    subject.send('hi');
    expect((await view()).pending[0].status).toBe('offline');
    vi.advanceTimersByTime(60_000);
    expect((await view()).pending[0].status).toBe('offline');
    expect(post).toHaveBeenCalledTimes(1);

    subject.retry('c1');
    expect(post).toHaveBeenCalledTimes(2);
    expect((await view()).pending[0].status).toBe('sending');
  });

  it('still takes a late echo for a message shown as not sent', async () => {
    const { subject, view } = history();
    subject.send('hi');
    vi.advanceTimersByTime(10_000);
    subject.receive(message({ clientMessageId: 'c1', fromProfileId: 'me' }));
    expect((await view()).pending).toEqual([]);
  });

  it('sends nothing blank or longer than 4096 characters', () => {
    const { subject, post } = history();
    subject.send('   ');
    subject.send('x'.repeat(4097));
    expect(post).not.toHaveBeenCalled();
    expect(messageProblem('x'.repeat(4096))).toBeNull();
    expect(messageProblem('x'.repeat(4097))).toMatch(/Too long/);
  });

  it('lists a pushed message once even if the page also has it', async () => {
    const pushed = message();
    const { subject, view } = history([[pushed]]);
    const loading = subject.loadOlder();
    subject.receive(pushed);
    await loading;
    expect((await view()).messages).toEqual([pushed]);
  });

  it('sends a burst one message at a time, each once the one before it was answered, in the order written', async () => {
    const { subject, post, view } = history();
    ['one', 'two', 'three'].forEach((text) => subject.send(text));
    expect(post.mock.calls).toEqual([['one', 'c1']]);
    expect((await view()).pending.map((p) => p.status)).toEqual(['sending', 'sending', 'sending']);

    subject.receive(message({ content: 'one', fromProfileId: 'me', clientMessageId: 'c1' }));
    expect(post.mock.calls.map((call) => call[0])).toEqual(['one', 'two']);
    vi.advanceTimersByTime(10_000); // no answer to 'two': shown as not sent, and 'three' goes
    expect(post.mock.calls.map((call) => call[0])).toEqual(['one', 'two', 'three']);
    expect((await view()).pending.map((p) => p.status)).toEqual(['unconfirmed', 'sending']);
  });

  it('shows a refused message with the reason and "send again", and sends the next one meanwhile', async () => {
    const { subject, post, view } = history();
    subject.send('one');
    subject.send('two');
    expect(subject.refused('elsewhere', 'no')).toBe(false);
    expect(subject.refused('c1', 'too many frames: wait and send again')).toBe(true);
    expect((await view()).pending[0]).toMatchObject({ status: 'refused', reason: 'too many frames: wait and send again' });
    expect(post).toHaveBeenLastCalledWith('two', 'c2');

    subject.receive(message({ content: 'two', fromProfileId: 'me', clientMessageId: 'c2' }));
    subject.retry('c1');
    expect(post).toHaveBeenLastCalledWith('one', 'c1');
    expect((await view()).pending).toEqual([{ clientMessageId: 'c1', content: 'one', status: 'sending', reason: undefined }]);
  });

  it('keeps the conversation in its own order when pushes arrive out of it', async () => {
    const { subject, view } = history();
    await subject.loadOlder();
    const first = message();
    const second = message();
    subject.receive(second);
    subject.receive(first);
    expect((await view()).messages).toEqual([first, second]);
  });
});
