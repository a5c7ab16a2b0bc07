package org.bunnybook.query.testing;

import org.bunnybook.api.account.AccountRegistered;
import org.bunnybook.api.chat.ChatMarkedAsRead;
import org.bunnybook.api.chat.ChatMember;
import org.bunnybook.api.chat.ConversationOpened;
import org.bunnybook.api.chat.MessagePosted;
import org.bunnybook.api.friendship.FriendRequestAccepted;
import org.bunnybook.api.friendship.FriendRequestCancelled;
import org.bunnybook.api.friendship.FriendRequestRejected;
import org.bunnybook.api.friendship.FriendRequestSent;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.friendship.Unfriended;
import org.bunnybook.api.leaderboard.ActiveBunnyView;
import org.bunnybook.api.post.CommentDeleted;
import org.bunnybook.api.post.CommentEdited;
import org.bunnybook.api.post.PostCommented;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostEdited;
import org.bunnybook.api.post.PostLiked;
import org.bunnybook.api.post.PostUnliked;
import org.bunnybook.api.post.Privacy;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A member who exists only in the events a test gives, and the events they cause, with every argument of those
 * records filled in as the command side would: {@code ann.writes(post)}, {@code bob.likes(post, ann)},
 * {@code bob.accepts(ann)}. Ids are random, so tests sharing a store touch nothing of one another's.
 */
public record Bunny(UUID id, String username) {

    /** The aggregate type post events belong to. */
    public static final String POST = "Post";

    /** Bunnies whose names start with {@code names} and share one random ending, so they sort as the names do. */
    public static List<Bunny> named(String... names) {
        String ending = UUID.randomUUID().toString().substring(0, 8);
        return Arrays.stream(names).map(name -> new Bunny(UUID.randomUUID(), name + ending)).toList();
    }

    /** One bunny with a unique name starting with {@code name}. */
    public static Bunny named(String name) {
        return named(new String[]{name}).get(0);
    }

    // --- accounts ---

    public AccountRegistered registers() {
        return new AccountRegistered(id, username, username + "@Bunnybook.test", "{bcrypt}not-a-real-hash", null);
    }

    // --- posts ---

    /** A public post on their own wall. */
    public PostCreated writes(UUID post) {
        return writesOn(this, post, Privacy.PUBLIC);
    }

    public PostCreated writesOn(Bunny wall, UUID post, Privacy privacy) {
        return new PostCreated(post, id, username, wall.id, "carrots are " + post, privacy);
    }

    /** A comment on {@code author}'s post on their own wall. */
    public PostCommented comments(UUID post, Bunny author) {
        return comments(post, author, UUID.randomUUID(), "so true");
    }

    public PostCommented comments(UUID post, Bunny author, UUID comment, String content) {
        return new PostCommented(post, comment, id, username, content, author.id, author.username, author.id);
    }

    /** A like of {@code author}'s post on their own wall. */
    public PostLiked likes(UUID post, Bunny author) {
        return new PostLiked(post, id, username, author.id, author.id);
    }

    public PostUnliked unlikes(UUID post) {
        return new PostUnliked(post, id);
    }

    /** Deletes their own post on their own wall. */
    public PostDeleted deletes(UUID post) {
        return new PostDeleted(post, id, id, id);
    }

    /** Rewrites their own post on their own wall. */
    public PostEdited edits(UUID post, String content) {
        return new PostEdited(post, id, id, content);
    }

    public CommentEdited editsComment(UUID post, UUID comment, String content) {
        return new CommentEdited(post, comment, id, content);
    }

    /** Deletes a comment {@code author} wrote (the bunny being its author, the post's author or the wall's owner). */
    public CommentDeleted deletesComment(UUID post, UUID comment, Bunny author) {
        return new CommentDeleted(post, comment, author.id, id);
    }

    /** This bunny's entry as the leaderboard should show it: the score is 3 × posts + 2 × comments + likes. */
    public ActiveBunnyView counted(int posts, int comments, int likes) {
        return new ActiveBunnyView(id, username, posts, comments, likes, 3 * posts + 2 * comments + likes);
    }

    // --- friendships: the events of the friendship aggregate of this bunny and another ---

    /** The id of the one friendship aggregate of this bunny and {@code other}. */
    public String friendshipWith(Bunny other) {
        return FriendshipId.of(id, other.id);
    }

    public FriendRequestSent asksToBefriend(Bunny target) {
        return new FriendRequestSent(friendshipWith(target), id, username, target.id, target.username);
    }

    public FriendRequestAccepted accepts(Bunny requester) {
        return new FriendRequestAccepted(friendshipWith(requester), requester.id, requester.username, id, username);
    }

    public FriendRequestRejected rejects(Bunny requester) {
        return new FriendRequestRejected(friendshipWith(requester), requester.id, requester.username, id, username);
    }

    public FriendRequestCancelled cancelsRequestTo(Bunny target) {
        return new FriendRequestCancelled(friendshipWith(target), id, username, target.id, target.username);
    }

    public Unfriended unfriends(Bunny other) {
        return new Unfriended(friendshipWith(other), id, username, other.id, other.username);
    }

    // --- chat ---

    public ChatMember asChatMember() {
        return new ChatMember(id, username);
    }

    /** The private conversation of this bunny and {@code other}, opened when they became friends. */
    public ConversationOpened opensChatWith(UUID chat, Bunny other) {
        return new ConversationOpened(chat, List.of(asChatMember(), other.asChatMember()));
    }

    public MessagePosted says(UUID chat, UUID message, String content) {
        return new MessagePosted(chat, message, id, username, content, "client-" + message);
    }

    public ChatMarkedAsRead reads(UUID chat, UUID message) {
        return new ChatMarkedAsRead(chat, id, message);
    }
}
