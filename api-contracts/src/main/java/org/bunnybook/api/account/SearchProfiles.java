package org.bunnybook.api.account;

import java.util.UUID;

/**
 * Up to {@code limit} profiles whose username contains {@code usernameQuery}, case-insensitively, prefix matches
 * first. The query is literal text: {@code %} and {@code _} match only themselves. Members who block the viewer or
 * whom the viewer blocks are left out ({@code viewerId} null: an anonymous search, from which nobody is).
 */
public record SearchProfiles(String usernameQuery, int limit, UUID viewerId) {

    public SearchProfiles(String usernameQuery, int limit) {
        this(usernameQuery, limit, null);
    }
}
