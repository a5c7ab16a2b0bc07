import { describe, expect, it } from 'vitest';
import type { Conversation } from '../api/types';
import { ConversationList, conversationTitle } from './ConversationList';
import { FakePushes, message } from './testing';

const conversation = (chatGroupId: string, fields: Partial<Conversation> = {}): Conversation => ({
  fromProfileId: 'friend', fromProfileUsername: 'clover', content: 'hello', createdAt: '2025-01-01T00:00:00.000Z',
  chatGroupId, chatGroupName: null, readAt: null, ...fields,
});

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

  it('is titled by its name, else the friend, else whoever wrote last', () => {
    expect(conversationTitle(conversation('g1', { chatGroupName: 'Warren' }), 'clover')).toBe('Warren');
    expect(conversationTitle(conversation('g1', { fromProfileUsername: 'me' }), 'clover')).toBe('clover');
    expect(conversationTitle(conversation('g1'), undefined)).toBe('clover');
  });
});
