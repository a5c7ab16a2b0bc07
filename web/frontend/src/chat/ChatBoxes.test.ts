import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../api/types';
import { ChatBoxes } from './ChatBoxes';
import { ChatRoom } from './ChatRoom';
import { FakePushes, message } from './testing';

function boxes(history: ChatMessage[] = []) {
  const send = vi.fn((_name: string, _body: unknown) => true);
  const fetchPage = vi.fn(async () => history);
  const sight = { visible: true };
  const subject = new ChatBoxes(
    (chatGroupId) => new ChatRoom(chatGroupId, { me: 'me', fetchPage, send, newId: () => 'c1', inSight: () => sight.visible }),
    () => 'me',
  );
  const pushes = new FakePushes();
  subject.listen(pushes);
  return { subject, send, fetchPage, pushes, sight };
}

const readMarks = (send: ReturnType<typeof boxes>['send']) =>
  send.mock.calls.filter(([name]) => name === 'mark_chat_as_read').map(([, body]) => (body as { chatMessageId: string }).chatMessageId);

const opened = (subject: ChatBoxes) => subject.value.open.map((box) => box.chatGroupId);

describe('ChatBoxes', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps at most three boxes side by side, closing the oldest', () => {
    const { subject } = boxes();
    ['g1', 'g2', 'g3', 'g4'].forEach((id) => subject.open(id, id));
    expect(opened(subject)).toEqual(['g2', 'g3', 'g4']);
    expect(subject.room('g1')).toBeUndefined();
    subject.close('g3');
    expect(opened(subject)).toEqual(['g2', 'g4']);
  });

  it('keeps only the boxes that fit beside the friends panel', () => {
    const { subject } = boxes();
    ['g1', 'g2', 'g3'].forEach((id) => subject.open(id, id));
    subject.setWidth(1024);
    expect(opened(subject)).toEqual(['g2', 'g3']);
    expect(subject.value.narrow).toBe(false);
  });

  it('shows one box at a time on a narrow screen', () => {
    const { subject } = boxes();
    subject.open('g1', 'clover');
    subject.open('g2', 'basil');
    subject.setWidth(360);
    expect(opened(subject)).toEqual(['g2']);
    subject.open('g3', 'anise');
    expect(opened(subject)).toEqual(['g3']);
  });

  it('opens the box of a friend whose message arrives, on a wide screen only', () => {
    const { subject, pushes } = boxes();
    pushes.emit('chat_message', message({ chatGroupId: 'g1' }));
    expect(subject.value.open).toEqual([{ chatGroupId: 'g1', name: 'clover' }]);

    subject.setWidth(640);
    pushes.emit('chat_message', message({ chatGroupId: 'g2' }));
    expect(opened(subject)).toEqual(['g1']);
  });

  it('does not open a box for the member’s own message from another tab', () => {
    const { subject, pushes } = boxes();
    pushes.emit('chat_message', message({ fromProfileId: 'me' }));
    expect(subject.value.open).toEqual([]);
  });

  it('marks the latest message from the friend read on opening and on each new one while open', async () => {
    const latest = message();
    const { subject, send, pushes } = boxes([latest, message()]);
    subject.open('g1', 'clover');
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('mark_chat_as_read', { chatGroupId: 'g1', chatMessageId: latest.id }));

    const mine = message({ fromProfileId: 'me' });
    pushes.emit('chat_message', mine);
    const theirs = message();
    pushes.emit('chat_message', theirs);
    const marks = send.mock.calls.filter(([name]) => name === 'mark_chat_as_read').map(([, body]) => (body as { chatMessageId: string }).chatMessageId);
    expect(marks).toEqual([latest.id, theirs.id]);
  });

  it('marks read again, once the socket is back, what it could not mark while offline', async () => {
    const latest = message();
    const { subject, send, pushes } = boxes([latest]);
    pushes.state$.next('connecting');
    send.mockReturnValue(false);
    subject.open('g1', 'clover');
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('mark_chat_as_read', expect.anything()));

    send.mockReturnValue(true);
    pushes.state$.next('online');
    pushes.state$.next('online');
    const marks = send.mock.calls.filter(([name]) => name === 'mark_chat_as_read');
    expect(marks).toHaveLength(2);
    expect(marks[1][1]).toEqual({ chatGroupId: 'g1', chatMessageId: latest.id });
  });

  it('routes typing to its box, which hides it when their message arrives', () => {
    const { subject, pushes } = boxes();
    const room = subject.open('g1', 'clover');
    pushes.emit('is_typing', { profileId: 'friend', username: 'clover', chatGroupId: 'g1' });
    expect(room.typing.value?.username).toBe('clover');
    pushes.emit('chat_message', message());
    expect(room.typing.value).toBeNull();
  });

  it('sends the member’s message and typing to the box’s conversation', () => {
    const { subject, send } = boxes();
    const room = subject.open('g1', 'clover');
    room.typing.iAmTyping();
    room.send('hi');
    expect(send).toHaveBeenCalledWith('is_typing', { chatGroupId: 'g1' });
    expect(send).toHaveBeenCalledWith('chat_message', { message: 'hi', to: 'g1', clientMessageId: 'c1' });
  });

  it('closes the box of a friend who is no longer one', () => {
    const { subject, pushes } = boxes();
    subject.open('g1', 'clover');
    pushes.emit('remove_friend', { chatGroupId: 'g1', profileId: 'friend', username: 'clover' });
    expect(subject.value.open).toEqual([]);
  });

  it('leaves what arrives while the tab is hidden unread, and marks it once the member looks', async () => {
    const { subject, send, pushes, sight } = boxes();
    subject.open('g1', 'clover');
    await vi.advanceTimersByTimeAsync(0);
    sight.visible = false;
    const hidden = message();
    pushes.emit('chat_message', hidden);
    expect(readMarks(send)).toEqual([]);

    sight.visible = true;
    subject.markSeen();
    expect(readMarks(send)).toEqual([hidden.id]);
  });

  it('marks nothing for a box closed before its history came', async () => {
    let answer: (page: ChatMessage[]) => void = () => undefined;
    const { subject, send, fetchPage } = boxes();
    fetchPage.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    subject.open('g1', 'clover');
    subject.close('g1');
    answer([message()]);
    await vi.advanceTimersByTimeAsync(0);
    expect(readMarks(send)).toEqual([]);
  });

  it('hands a refusal naming a message to the box that sent it, and says when none did', async () => {
    const { subject } = boxes();
    const room = subject.open('g1', 'clover');
    room.send('hello');
    expect(subject.refused({ message: 'too many frames: wait and send again', clientMessageId: 'c1' })).toBe(true);
    expect(subject.refused({ message: 'not an active conversation of this member' })).toBe(false);
    expect(subject.refused({ message: 'x', clientMessageId: 'unknown' })).toBe(false);
  });
});
