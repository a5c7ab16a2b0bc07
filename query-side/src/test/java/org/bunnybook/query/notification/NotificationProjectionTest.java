package org.bunnybook.query.notification;

import org.bunnybook.api.notification.CountUnreadNotifications;
import org.bunnybook.api.notification.FindNotifications;
import org.bunnybook.api.notification.AllNotificationsRead;
import org.bunnybook.api.notification.FindNotificationsById;
import org.bunnybook.api.notification.NotificationInboxId;
import org.bunnybook.api.notification.NotificationsMarked;
import org.bunnybook.api.notification.NotificationType;
import org.bunnybook.api.notification.NotificationView;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostEdited;
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
import static org.assertj.core.api.Assertions.tuple;

@ReadModelTest({NotificationProjection.class, NotificationWriter.class, NotificationQueries.class})
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
    void previewsFollowEditsWithoutPushingAndADeletedCommentsNotificationsGo() {
        List<Bunny> bunnies = Bunny.named("amy", "ben", "cy");
        Bunny amy = bunnies.get(0), ben = bunnies.get(1), cy = bunnies.get(2);
        UUID post = UUID.randomUUID(), edited = UUID.randomUUID(), gone = UUID.randomUUID();
        events.given(post, new PostCreated(post, ben.id(), ben.username(), amy.id(), "first draft", Privacy.PUBLIC),
                ben.comments(post, ben, edited, "a comment"), cy.comments(post, ben, gone, "a regret"));
        int pushed = pushes.to(amy).size();

        events.deliver(events.given(post, new PostEdited(post, ben.id(), amy.id(),
                        "a much longer final version of the post"), ben.editsComment(post, edited, "better"),
                ben.deletesComment(post, gone, cy)));

        assertThat(list(amy)).extracting(n -> n.data().event(),
                        n -> n.data().payload().getOrDefault("postPreview", n.data().payload().get("commentPreview")))
                .containsExactlyInAnyOrder(
                        tuple(NotificationType.NEW_POST_ON_WALL, "a much longer final version of t..."),
                        tuple(NotificationType.NEW_COMMENT_ON_POST, "better"));
        assertThat(list(ben)).isEmpty(); // cy's comment, the only one ben was told of, is gone
        assertThat(pushes.to(amy)).hasSize(pushed);
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
    void notificationsAreCountedUntilMarkedReadAndThoseThatComeLaterAreUnread() {
        List<Bunny> bunnies = Bunny.named("max", "ned");
        Bunny max = bunnies.get(0), ned = bunnies.get(1);
        UUID post = UUID.randomUUID();
        events.given(post, max.writes(post), ned.likes(post, max), ned.comments(post, max));
        assertThat(unread(max)).isEqualTo(2);

        events.given(inbox(max), new AllNotificationsRead(inbox(max), max.id()));

        assertThat(unread(max)).isZero();
        assertThat(unread(ned)).isZero();
        events.given(post, ned.comments(post, max));
        assertThat(unread(max)).isOne();
    }

    @Test
    void aMarkTheProjectionMeetsBeforeItsNotificationIsKeptWhenTheNotificationComes() {
        // a rebuild: the inbox's events and the post's are handled in different segments, in either order
        List<Bunny> bunnies = Bunny.named("nia", "oli");
        Bunny nia = bunnies.get(0), oli = bunnies.get(1);
        UUID post = UUID.randomUUID();
        events.given(post, nia.writes(post));
        var like = events.messages(Instant.now(), post, oli.likes(post, nia));
        var comment = events.messages(Instant.now(), post, oli.comments(post, nia));
        UUID liked = NotificationProjection.notificationId(like.get(0), nia.id());
        UUID commented = NotificationProjection.notificationId(comment.get(0), nia.id());
        events.given(inbox(nia), new NotificationsMarked(inbox(nia), nia.id(), List.of(liked), true, true),
                new NotificationsMarked(inbox(nia), nia.id(), List.of(commented), null, true));

        events.deliver(like);
        events.deliver(comment);

        assertThat(list(nia)).extracting(NotificationView::id, NotificationView::read, NotificationView::visited)
                .containsExactlyInAnyOrder(tuple(liked, true, true), tuple(commented, false, true));
        assertThat(pushes.to(nia)).as("only the unread one is pushed as new").hasSize(1);
    }

    @Test
    void markingAllReadCoversNotificationsOfEarlierEventsAddedAfterIt() {
        List<Bunny> bunnies = Bunny.named("pia", "quin");
        Bunny pia = bunnies.get(0), quin = bunnies.get(1);
        UUID post = UUID.randomUUID();
        events.given(post, pia.writes(post));
        var earlierLike = events.messages(Instant.now().minus(Duration.ofMinutes(5)), post, quin.likes(post, pia));
        events.given(inbox(pia), new AllNotificationsRead(inbox(pia), pia.id()));

        events.deliver(earlierLike);
        events.given(post, quin.comments(post, pia));

        assertThat(list(pia)).extracting(NotificationView::read).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void aMarkAfterMarkingAllReadWinsAndOneBeforeItGivesWay() {
        List<Bunny> bunnies = Bunny.named("rue", "sam");
        Bunny rue = bunnies.get(0), sam = bunnies.get(1);
        UUID post = UUID.randomUUID();
        events.given(post, rue.writes(post), sam.likes(post, rue));
        UUID like = single(rue).id();

        events.given(inbox(rue), new NotificationsMarked(inbox(rue), rue.id(), List.of(like), false, null),
                new AllNotificationsRead(inbox(rue), rue.id()));
        assertThat(single(rue).read()).isTrue();

        events.given(inbox(rue), new NotificationsMarked(inbox(rue), rue.id(), List.of(like), false, null));
        assertThat(single(rue).read()).isFalse();
    }

    @Test
    void aMemberMarksOnlyTheirOwnNotifications() {
        List<Bunny> bunnies = Bunny.named("tom", "uma");
        Bunny tom = bunnies.get(0), uma = bunnies.get(1);
        UUID post = UUID.randomUUID();
        events.given(post, tom.writes(post), uma.likes(post, tom));
        UUID toms = single(tom).id();

        events.given(inbox(uma), new NotificationsMarked(inbox(uma), uma.id(), List.of(toms, toms), true, true));

        assertThat(single(tom).read()).isFalse();
        assertThat(single(tom).visited()).isFalse();
        assertThat(notifications.handle(new FindNotificationsById(uma.id(), List.of(toms)))).isEmpty();
        assertThat(notifications.handle(new FindNotificationsById(tom.id(), List.of(toms))))
                .extracting(NotificationView::id).containsExactly(toms);
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

    private int unread(Bunny member) {
        return notifications.handle(new CountUnreadNotifications(member.id()));
    }

    private static UUID inbox(Bunny member) {
        return NotificationInboxId.of(member.id());
    }

    private NotificationView single(Bunny member) {
        List<NotificationView> found = list(member);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
