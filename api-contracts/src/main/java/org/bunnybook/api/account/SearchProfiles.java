package org.bunnybook.api.account;

/**
 * Up to {@code limit} profiles whose username contains {@code usernameQuery}, case-insensitively, prefix matches
 * first. The query is literal text: {@code %} and {@code _} match only themselves.
 */
public record SearchProfiles(String usernameQuery, int limit) {
}
