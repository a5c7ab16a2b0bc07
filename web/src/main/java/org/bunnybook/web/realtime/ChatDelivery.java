package org.bunnybook.web.realtime;

import jakarta.annotation.PostConstruct;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bunnybook.api.chat.ChatMember;
import org.bunnybook.api.chat.ChatMessageView;
import org.bunnybook.api.chat.ConversationOpened;
import org.bunnybook.api.chat.MessageAlreadyPosted;
import org.bunnybook.api.chat.MessagePosted;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.platform.consistency.ReadYourWrites.Creation;
import org.bunnybook.platform.projection.RebuildCopies;
import org.bunnybook.platform.push.PushCause;
import org.bunnybook.platform.push.Pushes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pushes a chat message to every session of every member of its conversation as soon as its event is committed to
 * the event store, on the node that stored it, without waiting for the {@code conversations} projection (which
 * stores the history up to about a tenth of a second later; reads of the history wait for it, see
 * {@code ChatController}). The push is made while the conversation's aggregate is still locked, so one node
 * publishes a conversation's messages in their order; each carries its {@code seq} in the conversation, which orders
 * it among messages stored by other nodes. The sender's copy, echoing its {@code clientMessageId}, is the
 * acknowledgement; a message sent again under that id is acknowledged with its copy read from the event store.
 */
@Component
class ChatDelivery {

    private static final Logger log = LoggerFactory.getLogger(ChatDelivery.class);
    private static final int REMEMBERED_CONVERSATIONS = 10_000;

    private final EventBus eventBus;
    private final EventStore eventStore;
    private final Pushes pushes;
    private final ReadYourWrites readYourWrites;
    /** A conversation's members never change (a pair's conversation closes and re-opens with the same two). */
    private final Map<UUID, List<UUID>> members = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, List<UUID>> eldest) {
                    return size() > REMEMBERED_CONVERSATIONS;
                }
            });

    ChatDelivery(EventBus eventBus, EventStore eventStore, Pushes pushes, ReadYourWrites readYourWrites) {
        this.eventBus = eventBus;
        this.eventStore = eventStore;
        this.pushes = pushes;
        this.readYourWrites = readYourWrites;
    }

    @PostConstruct
    void listen() {
        eventBus.registerDispatchInterceptor(messages -> {
            if (CurrentUnitOfWork.isStarted()) {
                UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
                for (EventMessage<?> message : messages) {
                    if (message.getPayload() instanceof MessagePosted posted
                            && message instanceof DomainEventMessage<?> stored
                            && !RebuildCopies.writtenIn(unitOfWork)) {
                        unitOfWork.afterCommit(committed -> deliver(posted, stored.getSequenceNumber(),
                                stored.getTimestamp()));
                    }
                }
            }
            return (index, message) -> message;
        });
    }

    private void deliver(MessagePosted posted, long seq, Instant timestamp) {
        try {
            ChatMessageView message = view(posted, seq, timestamp);
            // timed from the stored event, as every push is, for the delivery-time metric
            PushCause.causedAt(timestamp, () -> membersOf(posted.chatGroupId())
                    .forEach(member -> pushes.push(member, "chat_message", message))).run();
        } catch (RuntimeException e) {
            // the message is stored whatever happens here; the history (and a resuming socket) still has it
            log.warn("could not push chat message {}: {}", posted.messageId(), e.getMessage());
        }
    }

    /** The copy stored of a message sent again under its {@code clientMessageId}, as it was delivered. */
    ChatMessageView storedCopy(MessageAlreadyPosted stored) {
        Creation<MessagePosted> posted = readYourWrites.storedAt(stored.aggregateId(), stored.seq(), MessagePosted.class)
                .orElseThrow(() -> new IllegalStateException("no message at " + stored.seq() + " in "
                        + stored.aggregateId()));
        return view(posted.event(), stored.seq(), posted.message().getTimestamp());
    }

    private static ChatMessageView view(MessagePosted posted, long seq, Instant timestamp) {
        return new ChatMessageView(posted.messageId(), posted.content(), timestamp.truncatedTo(ChronoUnit.MILLIS),
                posted.chatGroupId(), posted.fromId(), posted.fromUsername(), posted.clientMessageId(), seq);
    }

    /** From the conversation's first event, which the event store has as soon as anyone may write into it. */
    private List<UUID> membersOf(UUID chat) {
        List<UUID> known = members.get(chat);
        if (known != null) {
            return known;
        }
        DomainEventStream events = eventStore.readEvents(chat.toString(), 0);
        if (!events.hasNext() || !(events.next().getPayload() instanceof ConversationOpened opened)) {
            throw new IllegalStateException("conversation " + chat + " was never opened");
        }
        List<UUID> found = opened.members().stream().map(ChatMember::profileId).toList();
        members.put(chat, found);
        return found;
    }
}
