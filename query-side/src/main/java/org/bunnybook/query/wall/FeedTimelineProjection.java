package org.bunnybook.query.wall;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.block.MemberBlocked;
import org.bunnybook.api.block.MemberUnblocked;
import org.bunnybook.api.friendship.FriendRequestAccepted;
import org.bunnybook.api.friendship.Unfriended;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostHidden;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Fills the members' feed timelines on write, and keeps their blocks beside them. Redis cannot join the token's
 * transaction, so every change is idempotent. A processor batch's changes run in their order, just before the batch
 * commits, in atomic script calls of up to 200 changes (one for almost every batch), so that events handled at once
 * in different segments (a post and a new friendship, say) give the same timelines in either order. A change Redis
 * refuses fails the batch, whose events are then retried one by one and the failing one parked; while anything is
 * parked, feeds are read from PostgreSQL.
 */
@Component
@ProcessingGroup(ReadModels.FEED_CACHE)
class FeedTimelineProjection {

    private final FeedTimelines timelines;

    FeedTimelineProjection(FeedTimelines timelines) {
        this.timelines = timelines;
    }

    @EventHandler
    void on(PostCreated event, @Timestamp Instant at) {
        timelines.posted(event.wallProfileId(), event.postId(), at);
    }

    @EventHandler
    void on(PostDeleted event) {
        timelines.deleted(event.wallProfileId(), event.postId());
    }

    /** Hidden by staff after a report: gone from every timeline, as a deleted post is. */
    @EventHandler
    void on(PostHidden event) {
        timelines.deleted(event.wallProfileId(), event.postId());
    }

    @EventHandler
    void on(FriendRequestAccepted event) {
        timelines.befriended(event.requesterId(), event.targetId());
    }

    @EventHandler
    void on(Unfriended event) {
        timelines.unfriended(event.byId(), event.otherId());
    }

    /** The feed pages read the blocks with the timeline, to leave out posts across them (see {@link WallReads}). */
    @EventHandler
    void on(MemberBlocked event) {
        timelines.blocked(event.blockerId(), event.blockedId());
    }

    @EventHandler
    void on(MemberUnblocked event) {
        timelines.unblocked(event.blockerId(), event.blockedId());
    }

    @EventHandler
    void on(AccountErased event) {
        timelines.erased(event.profileId());
    }

    @ResetHandler
    void reset() {
        timelines.forgetEverything();
    }
}
