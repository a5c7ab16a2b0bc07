import { useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useObservable } from '../lib/useObservable';
import { Avatar } from '../ui/Avatar';
import { ErrorNote } from '../ui/ErrorNote';
import { Time } from '../ui/Time';
import { messageProblem, MAX_MESSAGE_LENGTH, type HistoryView, type PendingMessage } from './ConversationHistory';
import type { ChatRoom } from './ChatRoom';
import type { OpenBox } from './ChatBoxes';
import { OnlineDot } from './OnlineDot';
import styles from './ChatBox.module.css';
import { ReportButton } from '../reports/ReportButton';

interface Props {
  box: OpenBox;
  room: ChatRoom;
  online: boolean;
  /** On a phone: the box takes the whole screen. */
  fullScreen: boolean;
  onClose: () => void;
}

/** One conversation: its history, newest at the bottom, who is typing, and the field to write in. */
export function ChatBox({ box, room, online, fullScreen, onClose }: Props) {
  const view = useObservable(room.history.view$, emptyView);
  const typing = useObservable(room.typing.state$, room.typing.value);
  const history = useNewestInView(view);

  return (
    <section className={fullScreen ? `${styles.box} ${styles.fullScreen}` : styles.box} aria-label={`Chat with ${box.name}`}>
      <header className={styles.header}>
        <Avatar username={box.name} size={32} />
        <h2 className={styles.name}>{box.name}</h2>
        <OnlineDot online={online} />
        <button type="button" className="secondary" onClick={onClose}>Close</button>
      </header>
      <div className={styles.history} ref={history.ref} onScroll={history.onScroll}>
        {!view.exhausted && (
          <button type="button" className="link" onClick={() => void room.history.loadOlder()} disabled={view.loading}>
            {view.loading ? 'Loading…' : 'Load older messages'}
          </button>
        )}
        <ErrorNote error={view.error} />
        {view.exhausted && view.messages.length === 0 && view.pending.length === 0 && (
          <p className="hint">No messages yet: say hello!</p>
        )}
        <ol className={styles.messages}>
          {view.messages.map((message) => (
            <li key={message.id} data-testid="chat-message" data-mine={room.isMine(message)} data-status="sent"
              className={room.isMine(message) ? styles.mine : styles.theirs}>
              <p className={styles.content}>{message.content}</p>
              <span className="hint"><Time at={message.createdAt} /></span>
              {!room.isMine(message) && <ReportButton subjectType="MESSAGE" subjectId={message.id} />}
            </li>
          ))}
          {view.pending.map((pending) => (
            <li key={pending.clientMessageId} data-testid="chat-message" data-mine="true" data-status={pending.status}
              className={`${styles.mine} ${styles.pending}`}>
              <p className={styles.content}>{pending.content}</p>
              {pending.status === 'sending' ? (
                <span className="hint">Sending…</span>
              ) : (
                <div className="row">
                  <ErrorNote error={notSent(pending)} />
                  <button type="button" className="link" onClick={() => room.history.retry(pending.clientMessageId)}>Send again</button>
                </div>
              )}
            </li>
          ))}
        </ol>
      </div>
      {typing && <p role="status" className={styles.typing}>{typing.username} is typing…</p>}
      <MessageForm room={room} />
    </section>
  );
}

function notSent(pending: PendingMessage): string {
  if (pending.status === 'offline') return 'Not sent: not connected to the server.';
  if (pending.status === 'refused') return `Not sent: ${pending.reason ?? 'refused by the server'}.`;
  // sent again under its clientMessageId, a message the server stored after all is not stored twice
  return 'Not confirmed by the server: sending it again is safe.';
}

function MessageForm({ room }: { room: ChatRoom }) {
  const [text, setText] = useState('');
  const problem = messageProblem(text);
  const tooLong = text.trim().length > MAX_MESSAGE_LENGTH;

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (problem) return;
    room.send(text);
    setText('');
  };
  // Enter sends, Shift+Enter starts a new line; not while an input method is composing a character
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form className={styles.form} onSubmit={send}>
      <textarea aria-label="Message" rows={2} value={text} placeholder="Write a message…" aria-invalid={tooLong}
        onKeyDown={onKeyDown}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim()) room.typing.iAmTyping();
        }} />
      <button type="submit" disabled={problem !== null}>Send</button>
      {tooLong && <ErrorNote error={problem} />}
    </form>
  );
}

/**
 * Keeps the newest message in view as messages arrive or are sent, unless the member scrolled up to read older ones
 * (loading older messages above then does not jump away from them).
 */
function useNewestInView(view: HistoryView) {
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const newest = `${view.messages.at(-1)?.id}/${view.pending.length}`;
  const shownNewest = useRef(newest);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element && (atBottom.current || newest !== shownNewest.current)) element.scrollTop = element.scrollHeight;
    shownNewest.current = newest;
  }, [view, newest]);
  const onScroll = () => {
    const element = ref.current!;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
  };
  return { ref, onScroll };
}

const emptyView: HistoryView = { messages: [], pending: [], loading: true, exhausted: false, error: null };
