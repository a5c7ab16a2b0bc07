package org.bunnybook.api.session;

public enum RevocationReason {
    LOGOUT,
    /** An already-rotated refresh token was presented: the token family is presumed stolen. */
    REFRESH_TOKEN_REUSE,
    /** The member ended this session from another one ("end this session", "log out everywhere"). */
    ENDED_BY_MEMBER,
    /** An admin ended every session of the member. */
    ENDED_BY_ADMIN,
    /** The member's role changed: they sign in again and their tokens carry the new role. */
    ROLE_CHANGED,
    /** The member changed their password: every other session ends. */
    PASSWORD_CHANGED,
    /** The member erased their account: every session ends at once. */
    ACCOUNT_ERASED,
    /** The session reached its absolute lifetime. */
    EXPIRED
}
