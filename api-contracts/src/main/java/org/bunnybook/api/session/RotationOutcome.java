package org.bunnybook.api.session;

public enum RotationOutcome {
    /** The presented token was the current one (or its predecessor, within the grace); the new token replaces it. */
    ROTATED,
    /** The session had already ended; nothing changed. */
    SESSION_REVOKED,
    /** The presented token had been rotated before: someone replayed it, so the whole session was revoked. */
    REUSE_DETECTED,
    /** The session reached its absolute lifetime: it ended, and only a new login goes on. */
    EXPIRED
}
