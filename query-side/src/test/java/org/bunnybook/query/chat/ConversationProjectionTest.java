package org.bunnybook.query.chat;

import org.axonframework.eventhandling.DomainEventMessage;
import org.bunnybook.api.chat.ChatMessageView;
import org.bunnybook.api.chat.ConversationDeactivated;
import org.bunnybook.api.chat.ConversationReactivated;
import org.bunnybook.api.chat.ConversationView;
import org.bunnybook.api.chat.FindConversationMembers;
import org.bunnybook.api.chat.FindConversations;
import org.bunnybook.api.chat.FindMessages;
import org.bunnybook.api.chat.FindUnreadConversations;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.bunnybook.query.testing.RecordedPushes;
import org.bunnybook.query.testing.RecordedPushes.Push;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ReadModelTest({ConversationProjection.class, ChatQueries.class, UnreadLists.class})
class ConversationProjectionTest {

    private static final PageAfter NEWEST = new PageAfter(null, null, 10);

    @Autowired
    ProjectionEvents events;

    @Autowired
    ChatQueries chats;

    @Autowired
    RecordedPushes pushes;

    @Test
    void anOpenedConversationTellsEachMemberOfTheOther() {
        List<Bunny> bunnies = Bunny.named("ann", "bob");
        Bunny ann = bunnies.get(0), bob = bunnies.get(1);
        UUID chat = UUID.randomUUID();
        events.given(chat, ann.opensChatWith(chat, bob));

        assertThat(chats.handle(new FindConversationMembers(chat, true))).containsExactlyInAnyOrder(ann.id(), bob.id());
        assertThat(pushes.to(ann)).extracting(Push::event).containsExactly("add_friend");
        assertThat(pushes.to(bob).get(0).data()).isEqualTo(Map.of("chatGroupId", chat,
                "profileId", ann.id(), "username", ann.username()));
    }

    @Test
    void aMessageIsUnreadForTheOtherMemberUntilReadAndBothAreToldTheirUnreadLists() {
        List<Bunny> bunnies = Bunny.named("cat", "dan");
        Bunny cat = bunnies.get(0), dan = bunnies.get(1);
        UUID chat = UUID.randomUUID(), hello = UUID.randomUUID(), reply = UUID.randomUUID();
        events.given(chat, cat.opensChatWith(chat, dan), cat.says(chat, hello, "hello"));

        assertThat(chats.handle(new FindUnreadConversations(dan.id()))).containsExactly(chat);
        assertThat(chats.handle(new FindUnreadConversations(cat.id()))).isEmpty();
        // the message itself is pushed when stored, before this projection has it (web's ChatDelivery)
        assertThat(pushes.to(dan)).extracting(Push::event).containsExactly("add_friend", "unread_conversations_ids");
        assertThat(pushes.to(cat).get(1).data()).isEqualTo(List.of());
        assertThat(chats.handle(new FindMessages(chat, NEWEST))).extracting(ChatMessageView::seq).containsExactly(1L);

        events.given(chat, dan.reads(chat, hello), dan.says(chat, reply, "hi"));

        assertThat(chats.handle(new FindMessages(chat, NEWEST))).extracting(ChatMessageView::id)
                .containsExactly(reply, hello);
        assertThat(chats.handle(new FindUnreadConversations(dan.id()))).isEmpty();
        assertThat(chats.handle(new FindUnreadConversations(cat.id()))).containsExactly(chat);
        ConversationView catsView = chats.handle(new FindConversations(cat.id(), NEWEST)).get(0);
        assertThat(catsView.chatGroupName()).isEqualTo(dan.username());
        assertThat(catsView.messageId()).isEqualTo(reply);
        assertThat(catsView.readAt()).isNull();
    }

    /** The unread list is a state: a member is told the one it ends in, once per batch, not once per message. */
    @Test
    void aBatchTellsEachMemberTheirUnreadListOnceAfterItCommits() {
        List<Bunny> bunnies = Bunny.named("kit", "lou", "max");
        Bunny kit = bunnies.get(0), lou = bunnies.get(1), max = bunnies.get(2);
        UUID withLou = UUID.randomUUID(), withMax = UUID.randomUUID(), fromMax = UUID.randomUUID();
        events.given(withLou, kit.opensChatWith(withLou, lou));
        events.given(withMax, kit.opensChatWith(withMax, max));
        int kitTold = pushes.to(kit).size(), louTold = pushes.to(lou).size(), maxTold = pushes.to(max).size();

        List<DomainEventMessage<?>> batch = new ArrayList<>(events.messages(Instant.now(), withLou,
                lou.says(withLou, UUID.randomUUID(), "one"), lou.says(withLou, UUID.randomUUID(), "two")));
        batch.addAll(events.messages(Instant.now(), withMax, max.says(withMax, fromMax, "three"),
                kit.reads(withMax, fromMax)));
        events.deliverInOneBatch(batch);

        assertThat(pushes.to(kit).subList(kitTold, pushes.to(kit).size()))
                .containsExactly(new Push(kit.id(), "unread_conversations_ids", List.of(withLou)));
        assertThat(pushes.to(lou).subList(louTold, pushes.to(lou).size()))
                .containsExactly(new Push(lou.id(), "unread_conversations_ids", List.of()));
        assertThat(pushes.to(max).subList(maxTold, pushes.to(max).size()))
                .containsExactly(new Push(max.id(), "unread_conversations_ids", List.of()));
    }

    @Test
    void aReadPointerNeverMovesBackToAnOlderMessage() {
        List<Bunny> bunnies = Bunny.named("eve", "fay");
        Bunny eve = bunnies.get(0), fay = bunnies.get(1);
        UUID chat = UUID.randomUUID(), first = UUID.randomUUID(), second = UUID.randomUUID();
        events.given(chat, eve.opensChatWith(chat, fay), eve.says(chat, first, "one"), eve.says(chat, second, "two"),
                fay.reads(chat, second), fay.reads(chat, first));

        assertThat(chats.handle(new FindUnreadConversations(fay.id()))).isEmpty();
    }

    @Test
    void aDeactivatedConversationIsHiddenUntilReactivated() {
        List<Bunny> bunnies = Bunny.named("gus", "hal");
        Bunny gus = bunnies.get(0), hal = bunnies.get(1);
        UUID chat = UUID.randomUUID();
        events.given(chat, gus.opensChatWith(chat, hal), gus.says(chat, UUID.randomUUID(), "bye"),
                new ConversationDeactivated(chat));

        assertThat(chats.handle(new FindConversations(hal.id(), NEWEST))).isEmpty();
        assertThat(chats.handle(new FindUnreadConversations(hal.id()))).isEmpty();
        assertThat(chats.handle(new FindConversationMembers(chat, true))).isEmpty();
        assertThat(chats.handle(new FindConversationMembers(chat, false))).hasSize(2);
        assertThat(pushes.to(hal)).extracting(Push::event).last().isEqualTo("remove_friend");

        events.given(chat, new ConversationReactivated(chat));

        assertThat(chats.handle(new FindConversations(hal.id(), NEWEST))).hasSize(1);
        assertThat(pushes.to(hal)).extracting(Push::event).last().isEqualTo("add_friend");
    }

    @Test
    void aMessageHandledTwiceIsStoredAndToldOnceAndAReplayedOneIsNotTold() {
        List<Bunny> bunnies = Bunny.named("ivy", "jay");
        Bunny ivy = bunnies.get(0), jay = bunnies.get(1);
        UUID chat = UUID.randomUUID();
        events.given(chat, ivy.opensChatWith(chat, jay));
        events.deliver(events.given(chat, ivy.says(chat, UUID.randomUUID(), "once")));
        int pushed = pushes.to(jay).size();

        events.replayed(chat, jay.says(chat, UUID.randomUUID(), "rebuilt"));

        assertThat(chats.handle(new FindMessages(chat, NEWEST))).extracting(ChatMessageView::content)
                .containsExactly("rebuilt", "once");
        assertThat(pushes.to(jay)).hasSize(pushed)
                .filteredOn(push -> push.event().equals("unread_conversations_ids")).hasSize(1);
    }

    @Test
    void aResetForgetsEveryConversation() {
        List<Bunny> bunnies = Bunny.named("kim", "lou");
        Bunny kim = bunnies.get(0), lou = bunnies.get(1);
        UUID chat = UUID.randomUUID();
        events.given(chat, kim.opensChatWith(chat, lou), kim.says(chat, UUID.randomUUID(), "soon forgotten"));

        events.reset();

        assertThat(chats.handle(new FindMessages(chat, NEWEST))).isEmpty();
        assertThat(chats.handle(new FindConversationMembers(chat, false))).isEmpty();
    }
}
