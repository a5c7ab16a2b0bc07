package org.bunnybook.api.chat;

/** The member is not in this conversation, or it is closed to new messages. */
public class NotInConversation extends RuntimeException {

    public NotInConversation(String message) {
        super(message);
    }
}
