package org.bunnybook.command.chat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.bunnybook.api.chat.ChatMarkedAsRead;
import org.bunnybook.api.chat.ChatMember;
import org.bunnybook.api.chat.ConversationDeactivated;
import org.bunnybook.api.chat.ConversationOpened;
import org.bunnybook.api.chat.ConversationReactivated;
import org.bunnybook.api.chat.DeactivateConversation;
import org.bunnybook.api.chat.HideMessage;
import org.bunnybook.api.chat.MarkChatAsRead;
import org.bunnybook.api.chat.MessageAlreadyPosted;
import org.bunnybook.api.chat.MessageHidden;
import org.bunnybook.api.chat.MessagePosted;
import org.bunnybook.api.chat.NotInConversation;
import org.bunnybook.api.chat.OpenConversation;
import org.bunnybook.api.chat.PostMessage;
import org.bunnybook.command.friendship.Blocks;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A private conversation. It decides who may write (its members, while it is active) and remembers nothing of the
 * messages themselves but the {@code clientMessageId}s of the latest {@value #SENT_REMEMBERED}, so its state stays
 * small; snapshotted every {@value ChatConfiguration#SNAPSHOT_EVERY} events, loading it stays cheap however many
 * messages it holds. Members are a set so that group conversations fit later.
 */
@Aggregate(snapshotTriggerDefinition = ChatConfiguration.SNAPSHOT_TRIGGER)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY) // snapshots are its fields, as JSON
public class Conversation {

    static final int SENT_REMEMBERED = 100;
    /** The metadata of a message sent with a {@code clientMessageId}: its sender and that id. */
    static final String SENT_AS = "sentAs";

    @AggregateIdentifier
    private UUID chatGroupId;
    private Set<UUID> members = new HashSet<>();
    private boolean active;
    /**
     * The latest messages sent with a {@code clientMessageId}, oldest first: each one's sender and id, to its
     * sequence number in the conversation. A client that got no echo sends its message again under the same id
     * (the web UI does when the member asks), while the member still looks at it: seconds or minutes, in which a
     * conversation of two seldom has {@value #SENT_REMEMBERED} more. Snapshots taken before it was kept lack it, and
     * messages sent before them are not known again: a revision of its own would have every conversation read from
     * its first event once, to know them.
     */
    private LinkedHashMap<String, Long> sentLately = new LinkedHashMap<>();

    protected Conversation() {
        // for Axon's event sourcing and snapshots
    }

    /** Opening is asked on every new friendship: the first time it opens, later it re-activates, else nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenConversation command) {
        if (chatGroupId == null) {
            apply(new ConversationOpened(command.chatGroupId(), List.of(
                    new ChatMember(command.oneId(), command.oneUsername()),
                    new ChatMember(command.otherId(), command.otherUsername()))));
        } else if (!active) {
            apply(new ConversationReactivated(chatGroupId));
        }
    }

    @CommandHandler
    void handle(DeactivateConversation command) {
        if (active) {
            apply(new ConversationDeactivated(chatGroupId));
        }
    }

    /**
     * Stores the message, or answers {@link MessageAlreadyPosted} for one its sender sent before under the same
     * {@code clientMessageId}: it is stored already, whatever happened to the conversation since.
     */
    @CommandHandler
    MessageAlreadyPosted handle(PostMessage command, Blocks blocks) {
        String sentAs = command.clientMessageId() == null ? null
                : command.fromId() + " " + command.clientMessageId();
        Long before = sentAs == null ? null : sentLately.get(sentAs);
        if (before != null) {
            return new MessageAlreadyPosted(chatGroupId, before);
        }
        if (!active || !members.contains(command.fromId()) || blockedWithin(command.fromId(), blocks)) {
            // a block is refused as an inactive conversation is: blocking ends the friendship, which ends that too
            throw new NotInConversation("not an active conversation of this member");
        }
        apply(new MessagePosted(chatGroupId, command.messageId(), command.fromId(), command.fromUsername(),
                command.content(), command.clientMessageId()),
                sentAs == null ? MetaData.emptyInstance() : MetaData.with(SENT_AS, sentAs));
        return null;
    }

    /**
     * Whether the sender and another member block one another, asked of the pairs' own histories: the block's
     * unfriending deactivates the conversation a moment later, and messages in between must be refused too.
     */
    private boolean blockedWithin(UUID sender, Blocks blocks) {
        return new TreeSet<>(members).stream()
                .anyMatch(member -> !member.equals(sender) && blocks.between(sender, member));
    }

    @CommandHandler
    void handle(MarkChatAsRead command) {
        if (!members.contains(command.profileId())) {
            throw new NotInConversation("not a conversation of this member");
        }
        apply(new ChatMarkedAsRead(chatGroupId, command.profileId(), command.messageId()));
    }

    /**
     * Staff decided, after a report (the web adapter checks the role and that the message is this conversation's):
     * the conversation keeps no messages to check against, and hiding one twice is harmless.
     */
    @CommandHandler
    void handle(HideMessage command) {
        apply(new MessageHidden(chatGroupId, command.messageId(), command.reportId(), command.moderatorId()));
    }

    @EventSourcingHandler
    void on(ConversationOpened event) {
        chatGroupId = event.chatGroupId();
        members = new HashSet<>();
        event.members().forEach(member -> members.add(member.profileId()));
        active = true;
    }

    /**
     * Remembers a message from its metadata: loading a conversation never opens its messages, which hold their text
     * sealed for their senders (docs/privacy.md), so a chat message's command does not decrypt the ones before it.
     */
    @EventSourcingHandler(payloadType = MessagePosted.class)
    void sent(@MetaDataValue(SENT_AS) String sentAs, @SequenceNumber long seq) {
        if (sentAs != null) {
            sentLately.put(sentAs, seq);
            Iterator<String> oldestFirst = sentLately.keySet().iterator();
            while (sentLately.size() > SENT_REMEMBERED) {
                oldestFirst.next();
                oldestFirst.remove();
            }
        }
    }

    @EventSourcingHandler
    void on(ConversationReactivated event) {
        active = true;
    }

    @EventSourcingHandler
    void on(ConversationDeactivated event) {
        active = false;
    }
}
