package org.bunnybook.command.session;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.bunnybook.api.session.RefreshTokenRotated;
import org.bunnybook.api.session.RevocationReason;
import org.bunnybook.api.session.RevokeSession;
import org.bunnybook.api.session.RotateRefreshToken;
import org.bunnybook.api.session.RotationOutcome;
import org.bunnybook.api.session.SessionRevoked;
import org.bunnybook.api.session.SessionStarted;
import org.bunnybook.api.session.StartSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

class SessionTest {

    private final UUID sessionId = UUID.randomUUID();
    private final UUID profileId = UUID.randomUUID();
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private final UUID third = UUID.randomUUID();
    private AggregateTestFixture<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
    }

    @Test
    void loggingInStartsASessionWithItsFirstRefreshToken() {
        fixture.givenNoPriorActivity()
                .when(new StartSession(sessionId, profileId, first))
                .expectEvents(new SessionStarted(sessionId, profileId, first));
    }

    @Test
    void theCurrentTokenIsRotatedForANewOne() {
        fixture.given(new SessionStarted(sessionId, profileId, first))
                .when(new RotateRefreshToken(sessionId, first, second))
                .expectResultMessagePayload(RotationOutcome.ROTATED)
                .expectEvents(new RefreshTokenRotated(sessionId, profileId, first, second));
    }

    @Test
    void presentingAnAlreadyRotatedTokenRevokesTheWholeSession() {
        fixture.given(new SessionStarted(sessionId, profileId, first),
                        new RefreshTokenRotated(sessionId, profileId, first, second))
                .when(new RotateRefreshToken(sessionId, first, third))
                .expectResultMessagePayload(RotationOutcome.REUSE_DETECTED)
                .expectEvents(new SessionRevoked(sessionId, profileId, RevocationReason.REFRESH_TOKEN_REUSE));
    }

    @Test
    void afterReuseEvenTheNewestTokenIsRefused() {
        fixture.given(new SessionStarted(sessionId, profileId, first),
                        new RefreshTokenRotated(sessionId, profileId, first, second),
                        new SessionRevoked(sessionId, profileId, RevocationReason.REFRESH_TOKEN_REUSE))
                .when(new RotateRefreshToken(sessionId, second, third))
                .expectResultMessagePayload(RotationOutcome.SESSION_REVOKED)
                .expectNoEvents();
    }

    @Test
    void logoutRevokesTheSession() {
        fixture.given(new SessionStarted(sessionId, profileId, first))
                .when(new RevokeSession(sessionId, RevocationReason.LOGOUT))
                .expectEvents(new SessionRevoked(sessionId, profileId, RevocationReason.LOGOUT));
    }

    @Test
    void aRevokedSessionCannotBeRotatedNorRevokedAgain() {
        fixture.given(new SessionStarted(sessionId, profileId, first),
                        new SessionRevoked(sessionId, profileId, RevocationReason.LOGOUT))
                .when(new RevokeSession(sessionId, RevocationReason.LOGOUT))
                .expectNoEvents();
        fixture.given(new SessionStarted(sessionId, profileId, first),
                        new SessionRevoked(sessionId, profileId, RevocationReason.LOGOUT))
                .when(new RotateRefreshToken(sessionId, first, second))
                .expectResultMessagePayload(RotationOutcome.SESSION_REVOKED)
                .expectNoEvents();
    }
}
