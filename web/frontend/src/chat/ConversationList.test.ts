import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Conversation } from '../api/types';
import { chatApi } from './chatApi';
import { ConversationList, conversationTitle } from './ConversationList';
import { FakePushes, message } from './testing';

const conversation = (chatGroupId: string, fields: Partial<Conversation> = {}): Conversation => ({
  fromProfileId: 'friend', fromProfileUsername: 'clover', content: 'hello', createdAt: '2025-01-01T00:00:00.000Z',
  chatGroupId, chatGroupName: null, readAt: null, messageId: `m-${chatGroupId}`, ...fields,
});

/** Answers each request with the next page, as JSON, and records the URLs asked for. */
function serve(pages: Conversation[][]): string[] {
  const urls: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(pages.shift() ?? []), { status: 200 });
  }));
  return urls;
}

describe('ConversationList', () => {
  it('moves the conversation of a new message to the top, with that message', async () => {
    const list = new ConversationList(async () => [conversation('g1'), conversation('g2'), conversation('g3')]);
    const pushes = new FakePushes();
    list.listen(pushes);
    await list.loadMore();

    pushes.emit('chat_message', message({ chatGroupId: 'g3', content: 'news' }));
    pushes.emit('chat_message', message({ chatGroupId: 'g9', content: 'first words' }));

    expect(list.value.items.map((c) => [c.chatGroupId, c.content])).toEqual([
      ['g9', 'first words'], ['g3', 'news'], ['g1', 'hello'], ['g2', 'hello'],
    ]);
  });

  it('takes the id of the message that moved a conversation up, for the next page', async () => {
    const list = new ConversationList(async () => [conversation('g1')]);
    const pushes = new FakePushes();
    list.listen(pushes);
    await list.loadMore();

    const news = message({ chatGroupId: 'g1', content: 'news' });
    pushes.emit('chat_message', news);

    expect(list.value.items[0]).toMatchObject({ chatGroupId: 'g1', messageId: news.id, createdAt: news.createdAt });
  });
});

describe('the conversations API', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the next page after the last latest message, its id breaking ties within a millisecond', async () => {
    const at = '2025-01-01T00:00:00.123Z';
    const first = Array.from({ length: 20 }, (_, i) => conversation(`g${i}`, { createdAt: at }));
    const urls = serve([first, [conversation('g20', { createdAt: at })]]);
    const list = new ConversationList((before, limit) => chatApi.conversations('me', before, limit));

    await list.loadMore();
    await list.loadMore();

    expect(urls[0]).toBe('/web/profiles/me/conversations?limit=20');
    const next = new URL(urls[1], 'http://bunnybook.test');
    expect(next.pathname).toBe('/web/profiles/me/conversations');
    expect(Object.fromEntries(next.searchParams)).toEqual({ older_than: at, older_than_id: 'm-g19', limit: '20' });
    expect(list.value.items.map((c) => c.chatGroupId)).toEqual([...first.map((c) => c.chatGroupId), 'g20']);
  });

  it('is titled by its name, else the friend, else whoever wrote last', () => {
    expect(conversationTitle(conversation('g1', { chatGroupName: 'Warren' }), 'clover')).toBe('Warren');
    expect(conversationTitle(conversation('g1', { fromProfileUsername: 'me' }), 'clover')).toBe('clover');
    expect(conversationTitle(conversation('g1'), undefined)).toBe('clover');
  });
});
