package org.bunnybook.command.session;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.bunnybook.api.session.LostRefreshRepeated;
import org.bunnybook.api.session.RefreshTokenRotated;
import org.bunnybook.api.session.RevocationReason;
import org.bunnybook.api.session.RevokeSession;
import org.bunnybook.api.session.RotateRefreshToken;
import org.bunnybook.api.session.RotationOutcome;
import org.bunnybook.api.session.SessionRevoked;
import org.bunnybook.api.session.SessionStarted;
import org.bunnybook.api.session.StartSession;

import java.time.Instant;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A login session: one family of refresh tokens, of which only the newest is valid. Rotation is atomic because
 * the aggregate's events are appended with a unique sequence number: of two concurrent rotations of one token only
 * one can be recorded, and the other then sees a token that was already rotated (and, within the grace window,
 * repeats the rotation instead of revoking). A revocation is also written to {@link RevokedSessions} in the same
 * transaction, so that every node refuses the session's access tokens within a second.
 */
@Aggregate
public class Session {

    @AggregateIdentifier
    private UUID sessionId;
    private UUID profileId;
    private Instant startedAt;
    private UUID currentTokenId;
    /** The token the last rotation replaced, while the token that replaced it has not been used. */
    private UUID replacedTokenId;
    private Instant rotatedAt;
    private boolean revoked;

    protected Session() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Session(StartSession command) {
        apply(new SessionStarted(command.sessionId(), command.profileId(), command.refreshTokenId(),
                command.device()));
    }

    @CommandHandler
    RotationOutcome handle(RotateRefreshToken command, RevokedSessions revocations) {
        if (revoked) {
            return RotationOutcome.SESSION_REVOKED;
        }
        if (!command.at().isBefore(startedAt.plus(command.absoluteLifetime()))) {
            revoke(RevocationReason.EXPIRED, revocations);
            return RotationOutcome.EXPIRED;
        }
        if (currentTokenId.equals(command.presentedTokenId())) {
            apply(new RefreshTokenRotated(sessionId, profileId, currentTokenId, command.newTokenId()));
            return RotationOutcome.ROTATED;
        }
        if (command.presentedTokenId().equals(replacedTokenId)
                && command.at().isBefore(rotatedAt.plus(command.grace()))) {
            apply(new LostRefreshRepeated(sessionId, profileId, replacedTokenId, currentTokenId,
                    command.newTokenId()));
            return RotationOutcome.ROTATED;
        }
        // Tokens are signed, so an unknown id of this session can only be an older token presented again.
        revoke(RevocationReason.REFRESH_TOKEN_REUSE, revocations);
        return RotationOutcome.REUSE_DETECTED;
    }

    @CommandHandler
    void handle(RevokeSession command, RevokedSessions revocations) {
        if (!revoked) {
            revoke(command.reason(), revocations);
        }
    }

    private void revoke(RevocationReason reason, RevokedSessions revocations) {
        apply(new SessionRevoked(sessionId, profileId, reason));
        revocations.add(sessionId, profileId);
    }

    @EventSourcingHandler
    void on(SessionStarted event, @Timestamp Instant at) {
        sessionId = event.sessionId();
        profileId = event.profileId();
        startedAt = at;
        currentTokenId = event.refreshTokenId();
    }

    @EventSourcingHandler
    void on(RefreshTokenRotated event, @Timestamp Instant at) {
        replacedTokenId = event.previousTokenId();
        rotatedAt = at;
        currentTokenId = event.refreshTokenId();
    }

    @EventSourcingHandler
    void on(LostRefreshRepeated event) {
        // the grace window still counts from the first rotation: repeating does not stretch it
        currentTokenId = event.refreshTokenId();
    }

    @EventSourcingHandler
    void on(SessionRevoked event) {
        revoked = true;
    }
}
