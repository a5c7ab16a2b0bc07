package org.bunnybook.query.notification;

import org.bunnybook.api.notification.CountUnreadNotifications;
import org.bunnybook.api.notification.FindNotifications;
import org.bunnybook.api.notification.MarkAllNotificationsRead;
import org.bunnybook.api.notification.NotificationType;
import org.bunnybook.api.notification.NotificationView;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.bunnybook.query.testing.RecordedPushes;
import org.bunnybook.query.testing.RecordedPushes.Push;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ReadModelTest({NotificationProjection.class, NotificationQueries.class})
class NotificationProjectionTest {

    private static final PageAfter NEWEST = new PageAfter(null, null, 10);

    @Autowired
    ProjectionEvents events;

    @Autowired
    NotificationQueries notifications;

    @Autowired
    RecordedPushes pushes;

    @Test
    void aPostOnSomeoneElsesWallNotifiesTheOwnerWithAPreviewAndAPostOnOnesOwnWallNobody() {
        List<Bunny> bunnies = Bunny.named("ann", "bob");
        Bunny ann = bunnies.get(0), bob = bunnies.get(1);
        UUID visit = UUID.randomUUID(), own = UUID.randomUUID();
        events.given(visit, new PostCreated(visit, bob.id(), bob.username(), ann.id(),
                "a long letter about carrots, radishes and more", Privacy.PUBLIC));
        events.given(own, bob.writes(own));

        NotificationView notification = single(ann);
        assertThat(notification.data().event()).isEqualTo(NotificationType.NEW_POST_ON_WALL);
        assertThat(notification.data().payload()).containsEntry("byUsername", bob.username())
                .containsEntry("postId", visit.toString())
                .containsEntry("postPreview", "a long letter about carrots, rad...");
        assertThat(notification.read()).isFalse();
        assertThat(pushes.to(ann)).extracting(Push::event).containsExactly("new_unread_notification");
        // pushed as it was made (ids as UUIDs), read back from JSON (ids as text): the same notification
        assertThat(pushes.to(ann).get(0).data()).extracting("id", "createdAt", "data.event")
                .containsExactly(notification.id(), notification.createdAt(), NotificationType.NEW_POST_ON_WALL);
        assertThat(list(bob)).isEmpty();
    }

    @Test
    void aCommentNotifiesEveryoneTakingPartInThePostButTheCommenter() {
        List<Bunny> bunnies = Bunny.named("cat", "dan", "eve", "fay");
        Bunny cat = bunnies.get(0), dan = bunnies.get(1), eve = bunnies.get(2), fay = bunnies.get(3);
        UUID post = UUID.randomUUID();
        events.given(post, cat.writes(post), dan.comments(post, cat), eve.comments(post, cat));

        assertThat(list(cat)).extracting(n -> n.data().event()).containsExactly(
                NotificationType.NEW_COMMENT_ON_POST, NotificationType.NEW_COMMENT_ON_POST);
        assertThat(list(dan)).extracting(n -> n.data().payload().get("byUsername")).containsExactly(eve.username());
        assertThat(list(eve)).isEmpty();
        assertThat(list(fay)).isEmpty();
    }

    @Test
    void aCommentsNotificationsHaveTheIdsAnyOtherNotificationOfTheEventWouldHave() {
        List<Bunny> bunnies = Bunny.named("gil", "hal", "ivy");
        Bunny gil = bunnies.get(0), hal = bunnies.get(1), ivy = bunnies.get(2);
        UUID post = UUID.randomUUID();
        var history = events.given(post, gil.writes(post), hal.comments(post, gil), ivy.comments(post, gil));

        // derived in SQL for a comment, in Java for the rest: a redelivery must find the same ids either way
        assertThat(list(gil)).extracting(NotificationView::id).containsExactlyInAnyOrder(
                NotificationProjection.notificationId(history.get(1), gil.id()),
                NotificationProjection.notificationId(history.get(2), gil.id()));
        assertThat(list(hal)).extracting(NotificationView::id)
                .containsExactly(NotificationProjection.notificationId(history.get(2), hal.id()));
    }

    @Test
    void likesAndFriendshipsNotifyTheOtherMember() {
        List<Bunny> bunnies = Bunny.named("gus", "hal");
        Bunny gus = bunnies.get(0), hal = bunnies.get(1);
        UUID post = UUID.randomUUID();
        events.given(post, gus.writes(post), hal.likes(post, gus), gus.likes(post, gus));
        events.given(gus.friendshipWith(hal), gus.asksToBefriend(hal), hal.accepts(gus));

        assertThat(list(gus)).extracting(n -> n.data().event())
                .containsExactly(NotificationType.NEW_FRIEND, NotificationType.NEW_LIKE);
        assertThat(list(hal)).extracting(n -> n.data().event())
                .containsExactly(NotificationType.NEW_FRIENDSHIP_REQUEST);
    }

    @Test
    void aDeletedPostTakesItsNotificationsAlong() {
        List<Bunny> bunnies = Bunny.named("ivy", "jay");
        Bunny ivy = bunnies.get(0), jay = bunnies.get(1);
        UUID post = UUID.randomUUID();
        events.given(post, ivy.writes(post), jay.likes(post, ivy), jay.comments(post, ivy));
        assertThat(list(ivy)).hasSize(2);

        events.given(post, ivy.deletes(post));

        assertThat(list(ivy)).isEmpty();
    }

    @Test
    void anEventHandledTwiceNotifiesOnceAndOldOrReplayedEventsNotifyWithoutAPush() {
        List<Bunny> bunnies = Bunny.named("kim", "lou");
        Bunny kim = bunnies.get(0), lou = bunnies.get(1);
        UUID fresh = UUID.randomUUID(), old = UUID.randomUUID(), rebuilt = UUID.randomUUID();
        events.given(fresh, kim.writes(fresh));
        events.deliver(events.given(fresh, lou.likes(fresh, kim)));
        events.givenAt(Instant.now().minus(Duration.ofHours(1)), old, kim.writes(old), lou.likes(old, kim));
        events.given(rebuilt, kim.writes(rebuilt));
        events.replayed(rebuilt, lou.likes(rebuilt, kim));

        assertThat(list(kim)).hasSize(3);
        assertThat(pushes.to(kim)).hasSize(1);
    }

    @Test
    void notificationsAreCountedUntilMarkedRead() {
        List<Bunny> bunnies = Bunny.named("max", "ned");
        Bunny max = bunnies.get(0), ned = bunnies.get(1);
        UUID post = UUID.randomUUID();
        events.given(post, max.writes(post), ned.likes(post, max), ned.comments(post, max));
        assertThat(notifications.handle(new CountUnreadNotifications(max.id()))).isEqualTo(2);

        assertThat(notifications.handle(new MarkAllNotificationsRead(max.id()))).isEqualTo(2);

        assertThat(notifications.handle(new CountUnreadNotifications(max.id()))).isZero();
        assertThat(notifications.handle(new CountUnreadNotifications(UUID.randomUUID()))).isZero();
    }

    @Test
    void aResetForgetsEveryNotification() {
        List<Bunny> bunnies = Bunny.named("oz", "pam");
        Bunny oz = bunnies.get(0), pam = bunnies.get(1);
        UUID post = UUID.randomUUID();
        events.given(post, oz.writes(post), pam.likes(post, oz));

        events.reset();

        assertThat(list(oz)).isEmpty();
    }

    private List<NotificationView> list(Bunny member) {
        return notifications.handle(new FindNotifications(member.id(), NEWEST));
    }

    private NotificationView single(Bunny member) {
        List<NotificationView> found = list(member);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
