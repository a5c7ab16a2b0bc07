package org.bunnybook.command.session;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.bunnybook.api.session.RefreshTokenRotated;
import org.bunnybook.api.session.RevocationReason;
import org.bunnybook.api.session.RevokeSession;
import org.bunnybook.api.session.RotateRefreshToken;
import org.bunnybook.api.session.RotationOutcome;
import org.bunnybook.api.session.SessionRevoked;
import org.bunnybook.api.session.SessionStarted;
import org.bunnybook.api.session.StartSession;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A login session: one family of refresh tokens, of which only the newest is valid. Rotation is atomic because
 * the aggregate's events are appended with a unique sequence number: of two concurrent rotations of one token only
 * one can be recorded, and the other then sees a token that was already rotated.
 */
@Aggregate
public class Session {

    @AggregateIdentifier
    private UUID sessionId;
    private UUID profileId;
    private UUID currentTokenId;
    private boolean revoked;

    protected Session() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Session(StartSession command) {
        apply(new SessionStarted(command.sessionId(), command.profileId(), command.refreshTokenId()));
    }

    @CommandHandler
    RotationOutcome handle(RotateRefreshToken command) {
        if (revoked) {
            return RotationOutcome.SESSION_REVOKED;
        }
        if (!currentTokenId.equals(command.presentedTokenId())) {
            // Tokens are signed, so an unknown id of this session can only be an older token presented again.
            apply(new SessionRevoked(sessionId, profileId, RevocationReason.REFRESH_TOKEN_REUSE));
            return RotationOutcome.REUSE_DETECTED;
        }
        apply(new RefreshTokenRotated(sessionId, profileId, currentTokenId, command.newTokenId()));
        return RotationOutcome.ROTATED;
    }

    @CommandHandler
    void handle(RevokeSession command) {
        if (!revoked) {
            apply(new SessionRevoked(sessionId, profileId, command.reason()));
        }
    }

    @EventSourcingHandler
    void on(SessionStarted event) {
        sessionId = event.sessionId();
        profileId = event.profileId();
        currentTokenId = event.refreshTokenId();
    }

    @EventSourcingHandler
    void on(RefreshTokenRotated event) {
        currentTokenId = event.refreshTokenId();
    }

    @EventSourcingHandler
    void on(SessionRevoked event) {
        revoked = true;
    }
}
