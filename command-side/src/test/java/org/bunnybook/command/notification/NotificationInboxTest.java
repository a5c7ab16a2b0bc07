package org.bunnybook.command.notification;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.bunnybook.api.notification.AllNotificationsRead;
import org.bunnybook.api.notification.MarkAllNotificationsRead;
import org.bunnybook.api.notification.MarkNotifications;
import org.bunnybook.api.notification.NotificationInboxId;
import org.bunnybook.api.notification.NotificationsMarked;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

class NotificationInboxTest {

    private final UUID member = UUID.randomUUID();
    private final UUID inbox = NotificationInboxId.of(member);
    private final List<UUID> two = List.of(UUID.randomUUID(), UUID.randomUUID());
    private AggregateTestFixture<NotificationInbox> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(NotificationInbox.class);
    }

    @Test
    void aMembersFirstMarkOpensTheirInbox() {
        fixture.givenNoPriorActivity()
                .when(new MarkNotifications(member, two, true, null))
                .expectEvents(new NotificationsMarked(inbox, member, two, true, null));
    }

    @Test
    void marksAndMarkingAllReadAreRecordedInTheOrderGiven() {
        fixture.given(new NotificationsMarked(inbox, member, two, true, null))
                .when(new MarkAllNotificationsRead(member))
                .expectEvents(new AllNotificationsRead(inbox, member));
    }

    @Test
    void aMarkThatChangesNothingIsNotRecorded() {
        fixture.givenNoPriorActivity()
                .when(new MarkNotifications(member, List.of(), true, true))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new MarkNotifications(member, two, null, null))
                .expectNoEvents();
    }

    @Test
    void everyMemberHasAnInboxOfTheirOwn() {
        UUID other = UUID.randomUUID();
        org.assertj.core.api.Assertions.assertThat(NotificationInboxId.of(other)).isNotEqualTo(inbox)
                .isEqualTo(NotificationInboxId.of(other)).isNotEqualTo(other);
    }
}
