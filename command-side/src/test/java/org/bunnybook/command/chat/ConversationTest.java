package org.bunnybook.command.chat;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.bunnybook.api.chat.ChatMarkedAsRead;
import org.bunnybook.api.chat.ChatMember;
import org.bunnybook.api.chat.ConversationDeactivated;
import org.bunnybook.api.chat.ConversationOpened;
import org.bunnybook.api.chat.ConversationReactivated;
import org.bunnybook.api.chat.DeactivateConversation;
import org.bunnybook.api.chat.MarkChatAsRead;
import org.bunnybook.api.chat.MessageAlreadyPosted;
import org.bunnybook.api.chat.MessagePosted;
import org.bunnybook.api.chat.NotInConversation;
import org.bunnybook.api.chat.OpenConversation;
import org.bunnybook.api.chat.PostMessage;
import org.bunnybook.command.friendship.Blocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

class ConversationTest {

    private final UUID chat = UUID.randomUUID();
    private final UUID hazel = UUID.randomUUID();
    private final UUID fiver = UUID.randomUUID();
    private final UUID message = UUID.randomUUID();
    /** Whether the two block one another, as their friendship's history has it. */
    private boolean blocked;
    private AggregateTestFixture<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
        fixture.registerInjectableResource((Blocks) (one, other) -> blocked);
    }

    @Test
    void aMessageAcrossABlockIsRefusedEvenWhileTheConversationIsStillActive() {
        blocked = true;
        fixture.given(opened()).when(new PostMessage(chat, message, fiver, "fiver", "silflay?", "c1"))
                .expectException(NotInConversation.class).expectNoEvents();
        fixture.given(opened()).when(new PostMessage(chat, message, hazel, "hazel", "go away", "c2"))
                .expectException(NotInConversation.class).expectNoEvents();
    }

    private OpenConversation open() {
        return new OpenConversation(chat, hazel, "hazel", fiver, "fiver");
    }

    private ConversationOpened opened() {
        return new ConversationOpened(chat, List.of(new ChatMember(hazel, "hazel"), new ChatMember(fiver, "fiver")));
    }

    @Test
    void newFriendsGetAConversationOnceAndFormerFriendsGetTheirsBack() {
        fixture.givenNoPriorActivity().when(open()).expectEvents(opened());
        fixture.given(opened()).when(open()).expectNoEvents();
        fixture.given(opened()).when(new DeactivateConversation(chat)).expectEvents(new ConversationDeactivated(chat));
        fixture.given(opened(), new ConversationDeactivated(chat)).when(new DeactivateConversation(chat))
                .expectNoEvents();
        fixture.given(opened(), new ConversationDeactivated(chat)).when(open())
                .expectEvents(new ConversationReactivated(chat));
    }

    @Test
    void onlyMembersWriteAndOnlyWhileItIsActive() {
        fixture.given(opened()).when(new PostMessage(chat, message, fiver, "fiver", "silflay?", "c1"))
                .expectEvents(new MessagePosted(chat, message, fiver, "fiver", "silflay?", "c1"));
        fixture.given(opened()).when(new PostMessage(chat, message, UUID.randomUUID(), "kehaar", "hi", null))
                .expectException(NotInConversation.class).expectNoEvents();
        fixture.given(opened(), new ConversationDeactivated(chat))
                .when(new PostMessage(chat, message, fiver, "fiver", "still there?", null))
                .expectException(NotInConversation.class).expectNoEvents();
        fixture.given(opened()).when(new MarkChatAsRead(chat, hazel, message))
                .expectEvents(new ChatMarkedAsRead(chat, hazel, message));
        fixture.given(opened()).when(new MarkChatAsRead(chat, UUID.randomUUID(), message))
                .expectException(NotInConversation.class);
    }

    /** A message as stored, its sender and {@code clientMessageId} in its metadata. */
    private EventMessage<MessagePosted> posted(UUID id, UUID from, String content, String clientMessageId) {
        MessagePosted posted = new MessagePosted(chat, id, from, from.equals(hazel) ? "hazel" : "fiver", content,
                clientMessageId);
        return GenericEventMessage.<MessagePosted>asEventMessage(posted).andMetaData(clientMessageId == null
                ? Map.of() : Map.of(Conversation.SENT_AS, from + " " + clientMessageId));
    }

    @Test
    void aMessageIsStoredWithItsSenderAndClientMessageIdInItsMetadata() {
        fixture.given(opened()).when(new PostMessage(chat, message, fiver, "fiver", "silflay?", "c1"))
                .expectEvents(posted(message, fiver, "silflay?", "c1"));
        fixture.given(opened()).when(new PostMessage(chat, message, fiver, "fiver", "silflay?", null))
                .expectEvents(posted(message, fiver, "silflay?", null));
    }

    @Test
    void aMessageSentAgainUnderItsClientMessageIdIsStoredOnceAndNamedByItsSeq() {
        EventMessage<MessagePosted> first = posted(message, fiver, "silflay?", "c1");
        fixture.given(opened(), first)
                .when(new PostMessage(chat, UUID.randomUUID(), fiver, "fiver", "silflay?", "c1"))
                .expectNoEvents().expectResultMessagePayload(new MessageAlreadyPosted(chat, 1));
        // answered so even once the conversation is closed: the message was stored while it was open
        fixture.given(opened(), first, new ConversationDeactivated(chat))
                .when(new PostMessage(chat, UUID.randomUUID(), fiver, "fiver", "silflay?", "c1"))
                .expectNoEvents().expectResultMessagePayload(new MessageAlreadyPosted(chat, 1));
        blocked = true; // or across a block since
        fixture.given(opened(), first)
                .when(new PostMessage(chat, UUID.randomUUID(), fiver, "fiver", "silflay?", "c1"))
                .expectNoEvents().expectResultMessagePayload(new MessageAlreadyPosted(chat, 1));
    }

    @Test
    void anotherSendersIdAndMessagesWithoutOneAreNewMessages() {
        UUID again = UUID.randomUUID();
        fixture.given(opened(), posted(message, fiver, "silflay?", "c1"))
                .when(new PostMessage(chat, again, hazel, "hazel", "yes", "c1"))
                .expectEvents(posted(again, hazel, "yes", "c1"))
                .expectResultMessagePayload(null);
        fixture.given(opened(), posted(message, fiver, "silflay?", null))
                .when(new PostMessage(chat, again, fiver, "fiver", "silflay?", null))
                .expectEvents(posted(again, fiver, "silflay?", null));
    }

    @Test
    void onlyTheLatestMessagesIdsAreRemembered() {
        List<Object> history = new ArrayList<>(List.of(opened()));
        IntStream.rangeClosed(0, Conversation.SENT_REMEMBERED).forEach(i -> history.add(
                posted(UUID.randomUUID(), i % 2 == 0 ? fiver : hazel, "message " + i, "c" + i)));
        UUID again = UUID.randomUUID();
        fixture.given(history).when(new PostMessage(chat, again, fiver, "fiver", "message 0", "c0"))
                .expectEvents(posted(again, fiver, "message 0", "c0"));
        fixture.given(history).when(new PostMessage(chat, again, hazel, "hazel", "message 1", "c1"))
                .expectNoEvents().expectResultMessagePayload(new MessageAlreadyPosted(chat, 2));
    }
}
