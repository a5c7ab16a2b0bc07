package org.bunnybook.web.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who may use which route: for every HTTP route ({@code "GET /web/posts/{id}"}, as Spring maps it) and STOMP
 * destination ({@code "SEND /app/ping"}), the answer each {@link Role} gets. One line an entry, in the order the
 * entries are tried. {@link #unlisted} names the application's routes that have no entry, so a route added later
 * without one fails {@code AuthorizationMatrixTest}.
 */
final class AccessMatrix {

    /** Who asks. "Owner" and "friend" are relative to the resource a route names (a profile, a post, a chat). */
    enum Role { ANONYMOUS, OTHER_MEMBER, OWNER, FRIEND, AUDITOR, MODERATOR, ADMIN }

    private final Map<String, int[]> expected = new LinkedHashMap<>();

    /**
     * The answers, one per role in {@link Role}'s order. For HTTP, the status. For STOMP: 401 the CONNECT is refused,
     * 403 the frame is answered with an {@code error} push, 200 it is served.
     */
    AccessMatrix route(String route, int anonymous, int otherMember, int owner, int friend, int auditor, int admin) {
        // a moderator is a member like any other outside the moderation queue
        return route(route, anonymous, otherMember, owner, friend, auditor, otherMember, admin);
    }

    /** The answers with the moderator's own: for the routes a moderator is answered otherwise than other members. */
    AccessMatrix route(String route, int anonymous, int otherMember, int owner, int friend, int auditor,
                       int moderator, int admin) {
        if (expected.put(route, new int[]{anonymous, otherMember, owner, friend, auditor, moderator, admin}) != null) {
            throw new IllegalArgumentException(route + " has two entries");
        }
        return this;
    }

    List<String> routes() {
        return List.copyOf(expected.keySet());
    }

    int expected(String route, Role role) {
        return expected.get(route)[role.ordinal()];
    }

    /** The application's routes that have no entry here. */
    List<String> unlisted(Collection<String> applicationRoutes) {
        return new ArrayList<>(new TreeSet<>(applicationRoutes.stream().filter(r -> !expected.containsKey(r)).toList()));
    }

    /** Entries for routes the application no longer has. */
    List<String> stale(Collection<String> applicationRoutes) {
        return expected.keySet().stream().filter(route -> !applicationRoutes.contains(route)).toList();
    }

    /** Why the matrix does not cover the application, or null if it does. */
    String problems(Collection<String> applicationRoutes) {
        List<String> unlisted = unlisted(applicationRoutes);
        List<String> stale = stale(applicationRoutes);
        if (unlisted.isEmpty() && stale.isEmpty()) {
            return null;
        }
        StringBuilder problems = new StringBuilder();
        for (String route : unlisted) {
            problems.append("\n  ").append(route).append(" has no entry in the authorization matrix: add")
                    .append("\n      .route(\"").append(route).append("\", anonymous, otherMember, owner, friend,")
                    .append(" auditor, admin) (or with the moderator's answer before the admin's)");
        }
        for (String route : stale) {
            problems.append("\n  ").append(route).append(" is in the authorization matrix but not in the application");
        }
        return problems.toString();
    }

    /** One line as it would be written in the table, with these answers. */
    static String line(String route, Map<Role, Integer> answers) {
        StringBuilder line = new StringBuilder(String.format("            .route(%-70s", "\"" + route + "\","));
        for (Role role : Role.values()) {
            line.append(String.format(" %3d", answers.get(role))).append(role == Role.ADMIN ? ")" : ",");
        }
        return line.toString();
    }
}
