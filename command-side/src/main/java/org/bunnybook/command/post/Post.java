package org.bunnybook.command.post;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.api.post.CommentOnPost;
import org.bunnybook.api.post.CreatePost;
import org.bunnybook.api.post.DeletePost;
import org.bunnybook.api.post.LikePost;
import org.bunnybook.api.post.NotAllowedOnPost;
import org.bunnybook.api.post.PostCommented;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostLiked;
import org.bunnybook.api.post.PostNotFound;
import org.bunnybook.api.post.PostUnliked;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.api.post.UnlikePost;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A post with its comments and likes. It keeps only what its decisions need (who wrote it, whose wall it is on, for
 * whom, whether it is gone, who likes it); comments change none of that. Who may act on a wall or a FRIENDS post is
 * decided here, against friendships as their own histories have them ({@link Friendships}). A popular post gathers
 * thousands of events, so it is snapshotted every {@value PostConfiguration#SNAPSHOT_EVERY} events and loading it
 * stays cheap however long its history grows.
 */
@Aggregate(snapshotTriggerDefinition = PostConfiguration.SNAPSHOT_TRIGGER)
@Revision("2") // snapshots of revision 1 lack the privacy and are ignored: the post is rebuilt from its events
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY) // snapshots are its fields, as JSON
public class Post {

    @AggregateIdentifier
    private UUID postId;
    private UUID authorId;
    @PersonalData(subject = "authorId", erasedAs = Erased.MEMBER) // snapshots keep it sealed, as events do
    private String authorUsername;
    private UUID wallProfileId;
    private Privacy privacy;
    private boolean deleted;
    private Set<UUID> likers = new HashSet<>();

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
    void handle(CommentOnPost command, Friendships friendships) {
        requireExisting();
        requireVisibleTo(command.authorId(), friendships);
        apply(new PostCommented(postId, command.commentId(), command.authorId(), command.authorUsername(),
                command.content(), authorId, authorUsername, wallProfileId));
    }

    @CommandHandler
    void handle(LikePost command, Friendships friendships) {
        requireExisting();
        requireVisibleTo(command.profileId(), friendships);
        if (!likers.contains(command.profileId())) {
            apply(new PostLiked(postId, command.profileId(), command.username(), authorId, wallProfileId));
        }
    }

    @CommandHandler
    void handle(UnlikePost command, Friendships friendships) {
        requireExisting();
        requireVisibleTo(command.profileId(), friendships);
        if (likers.contains(command.profileId())) {
            apply(new PostUnliked(postId, command.profileId()));
        }
    }

    private void requireExisting() {
        if (deleted) {
            throw new PostNotFound();
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
    }

    @EventSourcingHandler
    void on(PostLiked event) {
        likers.add(event.profileId());
    }

    @EventSourcingHandler
    void on(PostUnliked event) {
        likers.remove(event.profileId());
    }
}
