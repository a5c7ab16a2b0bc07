package org.bunnybook.api;

/**
 * Names of the processing groups that build read models. Commands name those that reflect them
 * ({@link ReflectedIn}, for read-your-writes); the query side names its projections with them.
 */
public final class ReadModels {

    /** Accounts in PostgreSQL: logging in, {@code /me}, profile lookup and search. */
    public static final String ACCOUNTS = "accounts";
    /** Each member's avatar PNG in PostgreSQL, painted after registration. */
    public static final String AVATARS = "avatars";

    /** The social graph in Neo4j (with its Redis cache): relationships, friends, mutual friends, suggestions. */
    public static final String SOCIAL_GRAPH = "social-graph";
    /** Friendships in PostgreSQL, where walls and feeds judge visibility with SQL. */
    public static final String FRIENDSHIPS = "friendships";

    /** Posts, comments and likes in PostgreSQL: walls, single posts, comment threads, the feed's fallback. */
    public static final String WALLS = "walls";
    /** Home-feed timelines in Redis, one per member, filled as posts are written; PostgreSQL answers when it cannot. */
    public static final String FEED_CACHE = "feed-cache";

    /** Notifications in PostgreSQL, pushed to their owners' browsers as they are made. */
    public static final String NOTIFICATIONS = "notifications";
    /** Conversations, read pointers and chat messages in PostgreSQL, pushed to members as they happen. */
    public static final String CONVERSATIONS = "conversations";

    /** Members' sessions in PostgreSQL (device, address, last use): the list a member ends sessions from. */
    public static final String SESSIONS = "sessions";

    /** A SHA-256 hash chain over every event in the order it was chained, with checkpoints: tamper evidence. */
    public static final String LEDGER = "ledger";

    /** Members ranked by the posts and comments they write and the likes they give, in PostgreSQL. */
    public static final String LEADERBOARD = "leaderboard";

    /** Members' reports in PostgreSQL, with what was reported and what staff did: the moderation queue. */
    public static final String REPORTS = "reports";

    private ReadModels() {
    }
}
