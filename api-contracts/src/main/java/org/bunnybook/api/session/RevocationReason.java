package org.bunnybook.api.session;

public enum RevocationReason {
    LOGOUT,
    /** An already-rotated refresh token was presented: the token family is presumed stolen. */
    REFRESH_TOKEN_REUSE
}
