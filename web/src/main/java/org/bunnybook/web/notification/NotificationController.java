package org.bunnybook.web.notification;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.notification.CountUnreadNotifications;
import org.bunnybook.api.notification.FindNotifications;
import org.bunnybook.api.notification.FindNotificationsById;
import org.bunnybook.api.notification.MarkAllNotificationsRead;
import org.bunnybook.api.notification.MarkNotifications;
import org.bunnybook.api.notification.NotificationView;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.platform.push.Pushes;
import org.bunnybook.web.security.Member;
import org.bunnybook.web.paging.PageParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A member's notifications: only their own (the original Bunnybook checked nothing here). After any marking, every
 * tab of the member is told the new unread count, so all their badges agree.
 */
@RestController
class NotificationController {

    private static final Logger log = LoggerFactory.getLogger(NotificationController.class);

    private final ReadYourWrites commands;
    private final QueryGateway queries;
    private final Pushes pushes;

    NotificationController(ReadYourWrites commands, QueryGateway queries, Pushes pushes) {
        this.commands = commands;
        this.queries = queries;
        this.pushes = pushes;
    }

    @GetMapping("/web/profiles/{me}/notifications")
    List<NotificationView> notifications(Member member, @PathVariable UUID me,
                                         @ParameterObject PageParams page) {
        member.mustBe(me);
        return queries.query(new FindNotifications(me, page.orDefaultLimit(10)),
                ResponseTypes.multipleInstancesOf(NotificationView.class)).join();
    }

    /**
     * Sets only the flags given, on the caller's own notifications among {@code ids}, and answers those. The mark is
     * an event of the member's inbox, so a rebuilt read model keeps it; the answer waits until the read model has it.
     */
    @PatchMapping("/web/profiles/{me}/notifications")
    List<NotificationView> mark(Member member, @PathVariable UUID me,
                                @RequestParam(required = false) Boolean read,
                                @RequestParam(required = false) Boolean visited,
                                @RequestBody @NotNull @Size(max = 100, message = "at most 100 ids") List<@NotNull UUID> ids) {
        member.mustBe(me);
        if (!ids.isEmpty() && (read != null || visited != null)) {
            commands.send(new MarkNotifications(me, ids, read, visited));
        }
        if (read != null) {
            pushUnreadCount(me);
        }
        return queries.query(new FindNotificationsById(me, ids),
                ResponseTypes.multipleInstancesOf(NotificationView.class)).join();
    }

    /**
     * "Mark all as read", including those on pages the member never loaded, and answers how many were unread. (New.)
     */
    @PostMapping("/web/profiles/{me}/notifications/read")
    Map<String, Integer> markAllRead(Member member, @PathVariable UUID me) {
        member.mustBe(me);
        int unread = unreadCount(me);
        commands.send(new MarkAllNotificationsRead(me));
        pushUnreadCount(me);
        return Map.of("marked", unread);
    }

    /** Best effort: the marking is done whatever happens here; a lost push leaves a badge behind until a reload. */
    private void pushUnreadCount(UUID member) {
        try {
            pushes.push(member, "unread_notifications_count", unreadCount(member));
        } catch (RuntimeException e) {
            log.warn("could not push the unread notifications count to {}: {}", member, e.getMessage());
        }
    }

    private int unreadCount(UUID member) {
        return queries.query(new CountUnreadNotifications(member), ResponseTypes.instanceOf(Integer.class)).join();
    }
}
