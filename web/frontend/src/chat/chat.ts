import { distinctUntilChanged, map } from 'rxjs';
import { Store } from '../lib/store';
import { realtime } from '../realtime/realtime';
import { session } from '../session/session';
import { badges } from '../badges/badges';
import { chatApi } from './chatApi';
import { ChatFriends } from './ChatFriends';
import { ChatBoxes, type Refusal } from './ChatBoxes';
import { ChatRoom } from './ChatRoom';
import { randomId } from '../lib/randomId';

// The chat of this tab, created once and wired to the socket, the session and the badges.


export const chatFriends = new ChatFriends(chatApi.friends, badges.select((b) => b.unreadConversationIds));

export const chatBoxes = new ChatBoxes(
  (chatGroupId) => new ChatRoom(chatGroupId, {
    me: session.me!.id,
    fetchPage: chatApi.messages,
    send: (name, body) => realtime.send(name, body),
    newId: randomId,
    inSight: () => document.visibilityState === 'visible',
  }),
  () => session.me?.id ?? null,
);

/** The latest frame the server refused (`error` push), until dismissed. */
export const chatError = new Store<string | null>(null);

chatFriends.listen(realtime);
chatBoxes.listen(realtime);
// a refused message shows in its box, with "Send again"; any other refusal above the boxes
realtime.on<Refusal>('error').subscribe((refusal) => {
  if (!chatBoxes.refused(refusal)) chatError.set(refusal.message);
});

// a message that came while the tab was hidden stays unread (badge, tab title) until the member looks
document.addEventListener('visibilitychange', () => chatBoxes.markSeen());

chatBoxes.setWidth(window.innerWidth);
window.addEventListener('resize', () => chatBoxes.setWidth(window.innerWidth));

session.store.state$
  .pipe(map((s) => (s.status === 'member' ? s.me.id : null)), distinctUntilChanged())
  .subscribe((memberId) => {
    chatBoxes.closeAll();
    chatFriends.reset();
    chatError.set(null);
    if (memberId) void chatFriends.load(memberId);
  });
