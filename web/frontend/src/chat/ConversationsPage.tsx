import { useEffect, useMemo } from 'react';
import { useObservable } from '../lib/useObservable';
import { realtime } from '../realtime/realtime';
import { session } from '../session/session';
import { badges } from '../badges/badges';
import { Avatar } from '../ui/Avatar';
import { Time } from '../ui/Time';
import { PagedListFooter } from '../ui/PagedListFooter';
import { chatApi } from './chatApi';
import { chatBoxes, chatFriends } from './chat';
import { ConversationList, conversationTitle } from './ConversationList';
import styles from './ConversationsPage.module.css';

/** The member's conversations, latest first; one opens in a chat box. */
export function ConversationsPage() {
  const me = session.me!;
  const list = useMemo(() => new ConversationList((before, limit) => chatApi.conversations(me.id, before, limit)), [me.id]);
  const page = useObservable(list.state$, list.value);
  const unread = useObservable(badges.state$, badges.value).unreadConversationIds;
  const friends = useObservable(chatFriends.state$, chatFriends.value).friends;

  useEffect(() => {
    const listening = list.listen(realtime);
    void list.reload();
    return () => listening.unsubscribe();
  }, [list]);

  return (
    <section className="card" aria-labelledby="conversations-title">
      <h1 id="conversations-title">Chats</h1>
      <ul className={styles.list}>
        {page.items.map((conversation) => {
          const name = conversationTitle(conversation, friends.find((f) => f.chatGroupId === conversation.chatGroupId)?.username);
          const isUnread = unread.includes(conversation.chatGroupId);
          const mine = conversation.fromProfileId === me.id;
          return (
            <li key={conversation.chatGroupId} data-testid="conversation" data-unread={isUnread}>
              <button type="button" className={`${styles.item} ${isUnread ? styles.unread : ''}`}
                onClick={() => chatBoxes.open(conversation.chatGroupId, name)}>
                <Avatar username={name} size={44} />
                <span className={styles.text}>
                  <span className={styles.top}>
                    <span className={styles.name}>{name}</span>
                    <span className="hint"><Time at={conversation.createdAt} /></span>
                  </span>
                  <span className={styles.preview}>{mine ? `You: ${conversation.content}` : conversation.content}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <PagedListFooter page={page} loadMore={() => void list.loadMore()}
        empty="No conversations yet: open a chat with a friend from the Chat panel." />
    </section>
  );
}
