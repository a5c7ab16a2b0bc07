package org.bunnybook.command.chat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
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
import org.bunnybook.api.chat.MessageHidden;
import org.bunnybook.api.chat.MessagePosted;
import org.bunnybook.api.chat.NotInConversation;
import org.bunnybook.api.chat.OpenConversation;
import org.bunnybook.api.chat.PostMessage;
import org.bunnybook.command.friendship.Blocks;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A private conversation. It decides who may write (its members, while it is active) and remembers nothing of the
 * messages themselves, so its state stays tiny; snapshotted every {@value ChatConfiguration#SNAPSHOT_EVERY} events,
 * loading it stays cheap however many messages it holds. Members are a set so that group conversations fit later.
 */
@Aggregate(snapshotTriggerDefinition = ChatConfiguration.SNAPSHOT_TRIGGER)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY) // snapshots are its fields, as JSON
public class Conversation {

    @AggregateIdentifier
    private UUID chatGroupId;
    private Set<UUID> members = new HashSet<>();
    private boolean active;

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

    @CommandHandler
    void handle(PostMessage command, Blocks blocks) {
        if (!active || !members.contains(command.fromId()) || blockedWithin(command.fromId(), blocks)) {
            // a block is refused as an inactive conversation is: blocking ends the friendship, which ends that too
            throw new NotInConversation("not an active conversation of this member");
        }
        apply(new MessagePosted(chatGroupId, command.messageId(), command.fromId(), command.fromUsername(),
                command.content(), command.clientMessageId()));
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

    @EventSourcingHandler
    void on(ConversationReactivated event) {
        active = true;
    }

    @EventSourcingHandler
    void on(ConversationDeactivated event) {
        active = false;
    }
}
