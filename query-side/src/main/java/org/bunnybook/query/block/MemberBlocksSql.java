package org.bunnybook.query.block;

/**
 * The SQL by which read models hide members from one another across a block, shared so that walls, feeds, posts,
 * profiles and search all mean the same thing by it.
 */
public final class MemberBlocksSql {

    /**
     * True if {@code viewer} (an SQL expression; NULL for an anonymous reader, whom nobody blocks) blocks or is
     * blocked by {@code member} (another SQL expression).
     */
    public static String between(String viewer, String member) {
        // the leading space: it follows text blocks, whose trailing spaces Java strips
        return " " + """
                EXISTS (SELECT 1 FROM member_blocks
                        WHERE (blocker_id = %1$s AND blocked_id = %2$s) OR (blocker_id = %2$s AND blocked_id = %1$s))"""
                .formatted(viewer, member);
    }

    private MemberBlocksSql() {
    }
}
