package org.bunnybook.api.friendship;

import org.bunnybook.api.account.ProfileSummary;

import java.util.List;

/** A chain of friends from one member (first) to another (last), both included. */
public record Connection(List<ProfileSummary> path) {

    public Connection {
        path = List.copyOf(path);
    }

    /** How many friendships the chain has: 1 for friends, 2 for friends of friends ("2nd"), and so on. */
    public int degree() {
        return path.size() - 1;
    }
}
