package org.bunnybook.command.session;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.bunnybook.api.session.LostRefreshRepeated;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTest {

    private static final Duration LIFETIME = Duration.ofDays(90);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final UUID sessionId = UUID.randomUUID();
    private final UUID profileId = UUID.randomUUID();
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private final UUID third = UUID.randomUUID();
    private final List<UUID> listed = new ArrayList<>();
    private AggregateTestFixture<Session> fixture;
    private Instant now;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(new RevokedSessions(null, Duration.ofMinutes(15)) {
            @Override
            void add(UUID session, UUID profile) {
                listed.add(session);
            }
        });
        now = fixture.currentTime();
    }

    private RotateRefreshToken rotate(UUID presented, UUID next, Duration later) {
        return new RotateRefreshToken(sessionId, presented, next, now.plus(later), LIFETIME, GRACE);
    }

    private SessionStarted started() {
        return new SessionStarted(sessionId, profileId, first, "Firefox on Linux");
    }

    @Test
    void loggingInStartsASessionWithItsFirstRefreshToken() {
        fixture.givenNoPriorActivity()
                .when(new StartSession(sessionId, profileId, first, "Firefox on Linux"))
                .expectEvents(started());
    }

    @Test
    void theCurrentTokenIsRotatedForANewOne() {
        fixture.given(started())
                .when(rotate(first, second, Duration.ofMinutes(14)))
                .expectResultMessagePayload(RotationOutcome.ROTATED)
                .expectEvents(new RefreshTokenRotated(sessionId, profileId, first, second));
    }

    @Test
    void presentingATokenRotatedTwiceAgoRevokesTheWholeSessionAndListsItAsRevoked() {
        fixture.given(started(), new RefreshTokenRotated(sessionId, profileId, first, second),
                        new RefreshTokenRotated(sessionId, profileId, second, third))
                .when(rotate(first, UUID.randomUUID(), Duration.ZERO))
                .expectResultMessagePayload(RotationOutcome.REUSE_DETECTED)
                .expectEvents(new SessionRevoked(sessionId, profileId, RevocationReason.REFRESH_TOKEN_REUSE));
        assertThat(listed).containsExactly(sessionId);
    }

    @Test
    void theJustReplacedTokenPresentedAgainWithinTheGraceIsRotatedAgain() {
        fixture.given(started(), new RefreshTokenRotated(sessionId, profileId, first, second))
                .when(rotate(first, third, Duration.ofSeconds(5)))
                .expectResultMessagePayload(RotationOutcome.ROTATED)
                .expectEvents(new LostRefreshRepeated(sessionId, profileId, first, second, third));
        assertThat(listed).isEmpty();
    }

    @Test
    void theJustReplacedTokenAfterTheGraceIsReuse() {
        fixture.given(started(), new RefreshTokenRotated(sessionId, profileId, first, second))
                .when(rotate(first, third, GRACE.plusSeconds(1)))
                .expectResultMessagePayload(RotationOutcome.REUSE_DETECTED)
                .expectEvents(new SessionRevoked(sessionId, profileId, RevocationReason.REFRESH_TOKEN_REUSE));
    }

    @Test
    void theTokenALostRefreshReplacedIsReuse() {
        // the first answer was lost: its token (second) was never received, so presenting it means theft
        fixture.given(started(), new RefreshTokenRotated(sessionId, profileId, first, second),
                        new LostRefreshRepeated(sessionId, profileId, first, second, third))
                .when(rotate(second, UUID.randomUUID(), Duration.ofSeconds(6)))
                .expectResultMessagePayload(RotationOutcome.REUSE_DETECTED)
                .expectEvents(new SessionRevoked(sessionId, profileId, RevocationReason.REFRESH_TOKEN_REUSE));
    }

    @Test
    void onceTheNewTokenWasUsedThePreviousOneIsReuseEvenWithinTheGrace() {
        fixture.given(started(), new RefreshTokenRotated(sessionId, profileId, first, second),
                        new RefreshTokenRotated(sessionId, profileId, second, third))
                .when(rotate(second, UUID.randomUUID(), Duration.ofSeconds(1)))
                .expectResultMessagePayload(RotationOutcome.ROTATED); // second is the just-replaced one
        fixture.given(started(), new RefreshTokenRotated(sessionId, profileId, first, second),
                        new RefreshTokenRotated(sessionId, profileId, second, third))
                .when(rotate(first, UUID.randomUUID(), Duration.ofSeconds(1)))
                .expectResultMessagePayload(RotationOutcome.REUSE_DETECTED);
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverOftenItWasRefreshed() {
        fixture.given(started(), new RefreshTokenRotated(sessionId, profileId, first, second))
                .when(rotate(second, third, LIFETIME))
                .expectResultMessagePayload(RotationOutcome.EXPIRED)
                .expectEvents(new SessionRevoked(sessionId, profileId, RevocationReason.EXPIRED));
        assertThat(listed).containsExactly(sessionId);
    }

    @Test
    void afterReuseEvenTheNewestTokenIsRefused() {
        fixture.given(started(), new RefreshTokenRotated(sessionId, profileId, first, second),
                        new SessionRevoked(sessionId, profileId, RevocationReason.REFRESH_TOKEN_REUSE))
                .when(rotate(second, third, Duration.ZERO))
                .expectResultMessagePayload(RotationOutcome.SESSION_REVOKED)
                .expectNoEvents();
    }

    @Test
    void logoutRevokesTheSessionAndListsIt() {
        fixture.given(started())
                .when(new RevokeSession(sessionId, RevocationReason.LOGOUT))
                .expectEvents(new SessionRevoked(sessionId, profileId, RevocationReason.LOGOUT));
        assertThat(listed).containsExactly(sessionId);
    }

    @Test
    void aRevokedSessionCannotBeRotatedNorRevokedAgain() {
        fixture.given(started(), new SessionRevoked(sessionId, profileId, RevocationReason.LOGOUT))
                .when(new RevokeSession(sessionId, RevocationReason.LOGOUT))
                .expectNoEvents();
        fixture.given(started(), new SessionRevoked(sessionId, profileId, RevocationReason.LOGOUT))
                .when(rotate(first, second, Duration.ZERO))
                .expectResultMessagePayload(RotationOutcome.SESSION_REVOKED)
                .expectNoEvents();
        assertThat(listed).isEmpty();
    }
}
