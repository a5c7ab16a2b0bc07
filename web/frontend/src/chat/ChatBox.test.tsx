// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatBox } from './ChatBox';
import { ChatRoom } from './ChatRoom';
import { message } from './testing';

function openBox() {
  const send = vi.fn((_name: string, _body: unknown) => true);
  const history = [message({ content: 'from clover' }), message({ content: 'from me', fromProfileId: 'me' })];
  const room = new ChatRoom('g1', { me: 'me', fetchPage: async () => history, send, newId: () => 'c1', inSight: () => true });
  render(<ChatBox box={{ chatGroupId: 'g1', name: 'clover' }} room={room} online fullScreen={false} onClose={() => undefined} />);
  return { room, send, box: screen.getByRole('region', { name: 'Chat with clover' }) };
}

describe('ChatBox', () => {
  afterEach(cleanup);

  it('shows the history oldest first, the member’s own ones marked as mine', async () => {
    const { room, box } = openBox();
    await act(() => room.open());
    const shown = within(box).getAllByTestId('chat-message');
    expect(shown.map((li) => [li.textContent?.startsWith('from me'), li.dataset.mine])).toEqual([[true, 'true'], [false, 'false']]);
    expect(within(box).getByRole('img', { name: 'online' })).toBeTruthy();
  });

  it('sends on Enter, keeps Shift+Enter for a new line, and shows the message as sending', async () => {
    const { room, send, box } = openBox();
    await act(() => room.open());
    const field = within(box).getByRole('textbox', { name: 'Message' });
    fireEvent.change(field, { target: { value: 'hi there' } });
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    expect(send).not.toHaveBeenCalledWith('chat_message', expect.anything());
    fireEvent.keyDown(field, { key: 'Enter' });

    expect(send).toHaveBeenCalledWith('chat_message', { message: 'hi there', to: 'g1', clientMessageId: 'c1' });
    expect((field as HTMLTextAreaElement).value).toBe('');
    expect(within(box).getByText('Sending…')).toBeTruthy();
  });

  it('says a message did not go out while offline, and sends it again on Send again', async () => {
    const { room, send, box } = openBox();
    await act(() => room.open());
    send.mockReturnValue(false);
    const field = within(box).getByRole('textbox', { name: 'Message' });
    fireEvent.change(field, { target: { value: 'hi there' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(within(box).getByText('Not sent: not connected to the server.')).toBeTruthy();

    send.mockReturnValue(true);
    fireEvent.click(within(box).getByRole('button', { name: 'Send again' }));
    expect(within(box).getByText('Sending…')).toBeTruthy();
  });

  it('says who is typing', async () => {
    const { room, box } = openBox();
    act(() => room.typing.othersTyping({ profileId: 'friend', username: 'clover', chatGroupId: 'g1' }));
    expect(within(box).getByRole('status').textContent).toBe('clover is typing…');
  });
});
