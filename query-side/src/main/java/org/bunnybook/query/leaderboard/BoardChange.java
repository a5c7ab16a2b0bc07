package org.bunnybook.query.leaderboard;

import java.util.UUID;

/** A change of the leaderboard, as its projection hands it to {@link BoardWrites}. */
sealed interface BoardChange {

    /** What the board counts: its {@code kind} in {@code leaderboard_acts}. */
    enum Act {
        POST("post"), COMMENT("comment"), LIKE("like");

        final String kind;

        Act(String kind) {
            this.kind = kind;
        }
    }

    /** Counts the act for the member, unless it was counted already; the latest username seen wins. */
    record Counted(Act act, UUID post, UUID actId, UUID member, String username) implements BoardChange {
    }

    /** Takes back the act, if it was counted. */
    record TakenBack(Act act, UUID post, UUID actId) implements BoardChange {
    }

    /** Takes back every act counted on the post: the post itself, its comments and its likes. */
    record PostGone(UUID post) implements BoardChange {
    }

    /** The member leaves the board; what they did stays counted nowhere. */
    record MemberErased(UUID member) implements BoardChange {
    }
}
