package org.bunnybook.web.notification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.notification.FindNotifications;
import org.bunnybook.api.notification.MarkNotifications;
import org.bunnybook.api.notification.NotificationView;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.web.security.Member;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A member's notifications: only their own (the original Bunnybook checked nothing here). */
@RestController
class NotificationController {

    private final QueryGateway queries;

    NotificationController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/web/profiles/{me}/notifications")
    List<NotificationView> notifications(Member member, @PathVariable UUID me,
                                         @RequestParam(name = "older_than", required = false)
                                         @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant olderThan,
                                         @RequestParam(name = "older_than_id", required = false) UUID olderThanId,
                                         @RequestParam(defaultValue = "10") @Min(value = 1, message = "must be at least 1")
                                         @Max(value = 20, message = "must be at most 20") int limit) {
        member.mustBe(me);
        return queries.query(new FindNotifications(me, new PageAfter(olderThan, olderThanId, limit)),
                ResponseTypes.multipleInstancesOf(NotificationView.class)).join();
    }

    /** Sets only the flags given, on the caller's own notifications among {@code ids}, and answers those. */
    @PatchMapping("/web/profiles/{me}/notifications")
    List<NotificationView> mark(Member member, @PathVariable UUID me,
                                @RequestParam(required = false) Boolean read,
                                @RequestParam(required = false) Boolean visited,
                                @RequestBody @NotNull @Size(max = 100, message = "at most 100 ids") List<@NotNull UUID> ids) {
        member.mustBe(me);
        return queries.query(new MarkNotifications(me, ids, read, visited),
                ResponseTypes.multipleInstancesOf(NotificationView.class)).join();
    }
}
