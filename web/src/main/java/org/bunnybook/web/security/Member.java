package org.bunnybook.web.security;

import org.bunnybook.api.account.Role;
import org.bunnybook.web.error.ApiException;

import java.util.UUID;

/** The signed-in member, as the access token vouches for them. */
public record Member(UUID profileId, String username, Role role) {

    /** "Auth as me": refuses with 403 unless this member is the one the request names. */
    public void mustBe(UUID profileId) {
        if (!this.profileId.equals(profileId)) {
            throw ApiException.forbidden();
        }
    }
}
