package org.bunnybook.web.friendship;

import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.friendship.Connection;

import java.util.List;

/**
 * How the member is connected to another: {@code degree} friendships (1 for friends, 2 for friends of friends...),
 * and the {@code path} of members from the member (first) to the other (last), both included.
 */
record ConnectionView(int degree, List<ProfileSummary> path) {

    static ConnectionView of(Connection connection) {
        return new ConnectionView(connection.degree(), connection.path());
    }
}
