package org.bunnybook.query.socialgraph;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One change of the social graph, as {@link GraphWrites} sends it: its {@code kind}, and its {@code row}, the
 * parameters of the kind's statement (members {@code a} and {@code b} with their names, the {@code pair} and its
 * {@code seq}; absent keys read as null). {@code members} are those whose cached answers it makes stale, or
 * {@code everyone}'s are.
 */
record GraphChange(Kind kind, Map<String, Object> row, List<UUID> members, boolean everyone) {

    /** What a change does; all but registrations and erasures change the relationships of a pair. */
    enum Kind { REGISTERED, REQUESTED, ACCEPTED, REJECTED, CANCELLED, UNFRIENDED, BLOCKED, UNBLOCKED, ERASED }

    static GraphChange registered(UUID member, String username) {
        return new GraphChange(Kind.REGISTERED, Map.of("a", member.toString(), "aName", username,
                "aKey", username.toLowerCase(Locale.ROOT)), List.of(), false);
    }

    /** Member {@code a}'s change of the pair with {@code b}, the pair's event number {@code seq}. */
    static GraphChange ofPair(Kind kind, String pair, long seq, UUID a, String aName, UUID b, String bName) {
        Map<String, Object> row = new HashMap<>();
        row.put("pair", pair);
        row.put("seq", seq);
        row.put("a", a.toString());
        row.put("aName", aName);
        row.put("b", b.toString());
        row.put("bName", bName);
        return new GraphChange(kind, row, List.of(a, b), false);
    }

    /** Anyone's cached answers may name them (friends, suggestions, connections): erasures are rare. */
    static GraphChange erased(UUID member) {
        return new GraphChange(Kind.ERASED, Map.of("a", member.toString()), List.of(member), true);
    }

    /** The pair a change of a pair is about. */
    String pair() {
        return (String) row.get("pair");
    }
}
