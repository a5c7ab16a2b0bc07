package org.bunnybook.web.session;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import org.bunnybook.api.session.RevocationReason;
import org.bunnybook.api.session.SessionView;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.AuthCookies;
import org.bunnybook.web.security.Tokens.AccessGrant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A member's own sessions: the list (device, address, last use, which one is this), ending one, and "log out
 * everywhere". Another member's session is answered as if it did not exist (404), so ids reveal nothing.
 */
@RestController
class SessionsController {

    private final SessionEnding sessions;
    private final AuthCookies cookies;

    SessionsController(SessionEnding sessions, AuthCookies cookies) {
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @GetMapping("/web/sessions")
    @Operation(summary = "The caller's sessions that have not ended, most recently used first")
    List<SessionResponse> list(AccessGrant grant) {
        return sessions.sessionsOf(grant.member().profileId()).stream()
                .map(session -> SessionResponse.of(session, grant.sessionId()))
                .toList();
    }

    @DeleteMapping("/web/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Ends one of the caller's sessions (404 if it is not theirs or has ended)")
    void end(@PathVariable UUID id, AccessGrant grant, HttpServletResponse response) {
        boolean own = sessions.sessionsOf(grant.member().profileId()).stream()
                .anyMatch(session -> session.sessionId().equals(id));
        if (!own) {
            throw ApiException.notFound();
        }
        sessions.end(id, id.equals(grant.sessionId()) ? RevocationReason.LOGOUT : RevocationReason.ENDED_BY_MEMBER);
        if (id.equals(grant.sessionId())) {
            cookies.clear(response);
        }
    }

    @DeleteMapping("/web/sessions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Log out everywhere: ends every session of the caller, this one included")
    void endAll(AccessGrant grant, HttpServletResponse response) {
        sessions.endAll(grant.member().profileId(), RevocationReason.ENDED_BY_MEMBER, Optional.empty());
        sessions.end(grant.sessionId(), RevocationReason.ENDED_BY_MEMBER); // even if the list missed it
        cookies.clear(response);
    }

    /**
     * @param current whether this is the session the request was made in
     */
    record SessionResponse(UUID id, String device, String clientAddress, Instant startedAt, Instant lastUsedAt,
                           boolean current) {

        static SessionResponse of(SessionView session, UUID currentSession) {
            return new SessionResponse(session.sessionId(), session.device(), session.clientAddress(),
                    session.startedAt(), session.lastUsedAt(), session.sessionId().equals(currentSession));
        }
    }
}
