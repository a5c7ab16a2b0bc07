package org.bunnybook.query.chat;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bunnybook.platform.push.Pushes;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Tells members their fresh list of unread conversations once a processor's batch has committed, once per member
 * per batch, in two queries for the whole batch: the members of the conversations that changed, then every one's
 * unread list. The list is a state, so the latest one is all a member needs. Told per message, a batch of chat
 * messages cost three queries each on the processor's thread after its commit, and at 500 commands/s the
 * conversations fell 8.6 s behind (docs/performance.md, "Ingest, third pass").
 */
@Component
class UnreadLists {

    private static final String RESOURCE = UnreadLists.class.getName();

    private final ChatQueries queries;
    private final Pushes pushes;

    UnreadLists(ChatQueries queries, Pushes pushes) {
        this.queries = queries;
        this.pushes = pushes;
    }

    /** Every member of the conversation will be told (a message came). */
    void changedIn(UUID chat) {
        change(changes -> changes.chats().add(chat));
    }

    /** The member will be told (they read). */
    void changedFor(UUID member) {
        change(changes -> changes.members().add(member));
    }

    /** Adds the change to its batch's, told after the batch commits; outside a unit of work, tells it at once. */
    private void change(Consumer<Changes> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            Changes alone = Changes.none();
            change.accept(alone);
            Pushes.afterCommit(() -> tell(alone));
            return;
        }
        change.accept(CurrentUnitOfWork.get().root().getOrComputeResource(RESOURCE, key -> {
            Changes batch = Changes.none();
            Pushes.afterCommit(() -> tell(batch));
            return batch;
        }));
    }

    private void tell(Changes changes) {
        Set<UUID> members = new LinkedHashSet<>(changes.members());
        if (!changes.chats().isEmpty()) {
            members.addAll(queries.members(changes.chats()));
        }
        if (members.isEmpty()) {
            return;
        }
        Map<UUID, List<UUID>> unread = queries.unread(members);
        members.forEach(member -> pushes.push(member, "unread_conversations_ids", unread.getOrDefault(member,
                List.of())));
    }

    private record Changes(Set<UUID> chats, Set<UUID> members) {
        static Changes none() {
            return new Changes(new LinkedHashSet<>(), new LinkedHashSet<>());
        }
    }
}
