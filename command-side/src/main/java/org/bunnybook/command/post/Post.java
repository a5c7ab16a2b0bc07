package org.bunnybook.command.post;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.bunnybook.api.post.CommentDeleted;
import org.bunnybook.api.post.CommentEdited;
import org.bunnybook.api.post.CommentNotFound;
import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.api.post.CommentAlreadyPosted;
import org.bunnybook.api.post.CommentIdTaken;
import org.bunnybook.api.post.CommentOnPost;
import org.bunnybook.api.post.CreatePost;
import org.bunnybook.api.post.DeleteComment;
import org.bunnybook.api.post.DeletePost;
import org.bunnybook.api.post.HideComment;
import org.bunnybook.api.post.HidePost;
import org.bunnybook.api.post.CommentHidden;
import org.bunnybook.api.post.PostHidden;
import org.bunnybook.api.post.EditComment;
import org.bunnybook.api.post.EditPost;
import org.bunnybook.api.post.LikePost;
import org.bunnybook.api.post.NotAllowedOnPost;
import org.bunnybook.api.post.PostCommented;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostEdited;
import org.bunnybook.api.post.PostLiked;
import org.bunnybook.api.post.PostNotFound;
import org.bunnybook.api.post.PostUnliked;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.api.post.UnlikePost;
import org.bunnybook.command.friendship.Blocks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A post with its comments and likes. It keeps only what its decisions need (who wrote it, whose wall it is on, for
 * whom, whether it is gone, who likes it, who wrote each comment still there, which comments it stored lately), never
 * what they say: every version of a post or comment is in its events, the edit history auditors read. Who may act on a
 * wall or a FRIENDS post is decided here, against friendships as their own histories have them ({@link Friendships}),
 * and so is a block: a member and their author's or wall owner's blocker (or blocked) act on the post as if it did not
 * exist ({@link Blocks}). A popular post gathers thousands of events, so it is snapshotted every
 * {@value PostConfiguration#SNAPSHOT_EVERY} events and loading it stays cheap however long its history grows.
 */
@Aggregate(snapshotTriggerDefinition = PostConfiguration.SNAPSHOT_TRIGGER)
// snapshots of revision 1 lack the privacy, of revision 2 the comments' authors: they are ignored, and the post is
// rebuilt from its events
@Revision("3")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY) // snapshots are its fields, as JSON
public class Post {

    static final int COMMENTS_REMEMBERED = 100;

    @AggregateIdentifier
    private UUID postId;
    private UUID authorId;
    @PersonalData(subject = "authorId", erasedAs = Erased.MEMBER) // snapshots keep it sealed, as events do
    private String authorUsername;
    private UUID wallProfileId;
    private Privacy privacy;
    private boolean deleted;
    /** Hidden by staff: for members it is gone, as a deleted post is (snapshots without it read false). */
    private boolean hidden;
    private Set<UUID> likers = new HashSet<>();
    /** The author of each comment not deleted, by comment. */
    private Map<UUID, UUID> commentAuthors = new HashMap<>();
    /**
     * The latest comments' ids, oldest first, to their events' sequence numbers: a comment asked for again (under
     * the same idempotency key, so with the same id) is answered with the one stored, deleted since or not. A
     * client sends a request again within seconds or minutes, in which a post seldom gets
     * {@value #COMMENTS_REMEMBERED} more. Snapshots taken before it was kept lack it: comments from before those are
     * not known again (a revision of its own would have every post read from its first event once, to know them).
     */
    private LinkedHashMap<UUID, Long> latestComments = new LinkedHashMap<>();

    protected Post() {
        // for Axon's event sourcing and snapshots
    }

    @CommandHandler
    Post(CreatePost command, Friendships friendships) {
        if (!command.authorId().equals(command.wallProfileId())
                && !friendships.areFriends(command.authorId(), command.wallProfileId())) {
            throw new NotAllowedOnPost("a member may post on their own wall or on a friend's");
        }
        apply(new PostCreated(command.postId(), command.authorId(), command.authorUsername(), command.wallProfileId(),
                command.content(), command.privacy()));
    }

    @CommandHandler
    void handle(DeletePost command) {
        requireExisting();
        if (!command.requesterId().equals(authorId) && !command.requesterId().equals(wallProfileId)) {
            throw new NotAllowedOnPost("only the author or the wall owner may delete a post");
        }
        apply(new PostDeleted(postId, authorId, wallProfileId, command.requesterId()));
    }

    @CommandHandler
    void handle(EditPost command) {
        requireExisting();
        if (!command.requesterId().equals(authorId)) {
            throw new NotAllowedOnPost("only its author may edit a post");
        }
        apply(new PostEdited(postId, authorId, wallProfileId, command.content()));
    }

    @CommandHandler
    void handle(EditComment command, Friendships friendships, Blocks blocks) {
        UUID commentAuthor = existingComment(command.commentId());
        if (!command.requesterId().equals(commentAuthor)) {
            throw new NotAllowedOnPost("only its author may edit a comment");
        }
        requireNoBlock(command.requesterId(), blocks);
        requireVisibleTo(command.requesterId(), friendships);
        apply(new CommentEdited(postId, command.commentId(), commentAuthor, command.content()));
    }

    @CommandHandler
    void handle(DeleteComment command) {
        UUID commentAuthor = existingComment(command.commentId());
        UUID requester = command.requesterId();
        if (!requester.equals(commentAuthor) && !requester.equals(authorId) && !requester.equals(wallProfileId)) {
            throw new NotAllowedOnPost("only its author, the post's author or the wall's owner may delete a comment");
        }
        apply(new CommentDeleted(postId, command.commentId(), commentAuthor, requester));
    }

    /**
     * Stores the comment, or answers {@link CommentAlreadyPosted} if it is one of the latest comments already (sent
     * again: answered even if the post or the comment is gone since, or the member may no longer comment, as it was
     * stored when they could); one still on the post but older is refused ({@link CommentIdTaken}), never stored
     * twice. A key's comment deleted and older than the latest {@value #COMMENTS_REMEMBERED} is forgotten: the key
     * has expired, and a comment under it is a new one.
     */
    @CommandHandler
    CommentAlreadyPosted handle(CommentOnPost command, Friendships friendships, Blocks blocks) {
        Long stored = latestComments.get(command.commentId());
        if (stored != null) {
            return new CommentAlreadyPosted(postId, stored);
        }
        if (commentAuthors.containsKey(command.commentId())) {
            throw new CommentIdTaken();
        }
        requireExisting();
        requireNoBlock(command.authorId(), blocks);
        requireVisibleTo(command.authorId(), friendships);
        apply(new PostCommented(postId, command.commentId(), command.authorId(), command.authorUsername(),
                command.content(), authorId, authorUsername, wallProfileId));
        return null;
    }

    @CommandHandler
    void handle(LikePost command, Friendships friendships, Blocks blocks) {
        requireExisting();
        requireNoBlock(command.profileId(), blocks);
        requireVisibleTo(command.profileId(), friendships);
        if (!likers.contains(command.profileId())) {
            apply(new PostLiked(postId, command.profileId(), command.username(), authorId, wallProfileId));
        }
    }

    @CommandHandler
    void handle(UnlikePost command, Friendships friendships, Blocks blocks) {
        requireExisting();
        requireNoBlock(command.profileId(), blocks);
        requireVisibleTo(command.profileId(), friendships);
        if (likers.contains(command.profileId())) {
            apply(new PostUnliked(postId, command.profileId()));
        }
    }

    /** Staff decided, after a report (the web adapter checks the role); hiding twice changes nothing. */
    @CommandHandler
    void handle(HidePost command) {
        if (deleted) {
            throw new PostNotFound();
        }
        if (!hidden) {
            apply(new PostHidden(postId, wallProfileId, command.reportId(), command.moderatorId()));
        }
    }

    /** The comment's existence is checked against the walls before; hiding one twice is harmless. */
    @CommandHandler
    void handle(HideComment command) {
        if (deleted) {
            throw new PostNotFound();
        }
        apply(new CommentHidden(postId, command.commentId(), command.reportId(), command.moderatorId()));
    }

    private void requireExisting() {
        if (deleted || hidden) {
            throw new PostNotFound();
        }
    }

    /** The author of the comment, which must be on this post and not deleted. */
    private UUID existingComment(UUID commentId) {
        requireExisting();
        UUID commentAuthor = commentAuthors.get(commentId);
        if (commentAuthor == null) {
            throw new CommentNotFound();
        }
        return commentAuthor;
    }

    /**
     * Refused as a missing post is (the blocked member learns nothing more than that). The pairs are asked in a
     * fixed order, each loading (and locking) that pair's friendship for this command: two commands asking about
     * the same pairs in opposite orders could otherwise wait for each other.
     */
    private void requireNoBlock(UUID member, Blocks blocks) {
        for (UUID other : new TreeSet<>(List.of(authorId, wallProfileId))) { // one if the author owns the wall
            if (blocks.between(member, other)) {
                throw new PostNotFound();
            }
        }
    }

    /** A FRIENDS post is for its wall's owner and the owner's friends, whoever wrote it. */
    private void requireVisibleTo(UUID member, Friendships friendships) {
        if (privacy == Privacy.FRIENDS && !member.equals(wallProfileId)
                && !friendships.areFriends(member, wallProfileId)) {
            throw new NotAllowedOnPost("a FRIENDS post is for its wall's owner and the owner's friends");
        }
    }

    @EventSourcingHandler
    void on(PostCreated event) {
        postId = event.postId();
        authorId = event.authorId();
        authorUsername = event.authorUsername();
        wallProfileId = event.wallProfileId();
        privacy = event.privacy();
    }

    @EventSourcingHandler
    void on(PostDeleted event) {
        deleted = true;
        likers.clear();
        commentAuthors.clear();
    }

    @EventSourcingHandler
    void on(PostCommented event, @SequenceNumber long seq) {
        commentAuthors.put(event.commentId(), event.authorId());
        latestComments.put(event.commentId(), seq);
        Iterator<UUID> oldestFirst = latestComments.keySet().iterator();
        while (latestComments.size() > COMMENTS_REMEMBERED) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    @EventSourcingHandler
    void on(CommentDeleted event) {
        commentAuthors.remove(event.commentId());
    }

    @EventSourcingHandler
    void on(PostLiked event) {
        likers.add(event.profileId());
    }

    @EventSourcingHandler
    void on(PostUnliked event) {
        likers.remove(event.profileId());
    }

    @EventSourcingHandler
    void on(PostHidden event) {
        hidden = true;
        likers.clear();
    }
}
