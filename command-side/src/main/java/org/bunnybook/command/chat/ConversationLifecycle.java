package org.bunnybook.command.chat;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.bunnybook.api.Processes;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.api.chat.DeactivateConversation;
import org.bunnybook.api.chat.OpenConversation;
import org.bunnybook.api.friendship.FriendRequestAccepted;
import org.bunnybook.api.friendship.Unfriended;
import org.springframework.stereotype.Component;

/**
 * The process that keeps conversations in step with friendships: accepting a friend request opens (or re-activates)
 * the pair's conversation, unfriending deactivates it and keeps its history. Stateless, because the conversation
 * itself decides what an open or a close means now; its commands are sent and awaited in the handler, so a failure
 * parks the event to be retried rather than losing the step.
 */
@Component
@ProcessingGroup(Processes.CONVERSATION_LIFECYCLE)
@DisallowReplay // its steps were taken when they happened; a rebuild must not take them again
class ConversationLifecycle {

    private final CommandGateway commands;

    ConversationLifecycle(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(FriendRequestAccepted event) {
        commands.sendAndWait(new OpenConversation(ChatGroupId.of(event.requesterId(), event.targetId()),
                event.requesterId(), event.requesterUsername(), event.targetId(), event.targetUsername()));
    }

    @EventHandler
    void on(Unfriended event) {
        commands.sendAndWait(new DeactivateConversation(ChatGroupId.of(event.byId(), event.otherId())));
    }
}
