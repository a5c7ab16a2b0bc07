package org.bunnybook.api;

/**
 * Names of the processing groups that take steps rather than build read models: they react to an event with a
 * command. A request whose effect includes such a step waits for the process as it waits for a read model, so that
 * the command the process sent is stored before it looks for that command's events.
 */
public final class Processes {

    /** Opens (or re-opens) a pair's conversation when a friend request is accepted, closes it on unfriending. */
    public static final String CONVERSATION_LIFECYCLE = "conversation-lifecycle";

    private Processes() {
    }
}
