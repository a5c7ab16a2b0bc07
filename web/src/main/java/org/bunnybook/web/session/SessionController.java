package org.bunnybook.web.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountByEmail;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.session.RevocationReason;
import org.bunnybook.api.session.RevokeSession;
import org.bunnybook.api.session.RotateRefreshToken;
import org.bunnybook.api.session.RotationOutcome;
import org.bunnybook.api.session.StartSession;
import org.bunnybook.web.account.Passwords;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.platform.command.RequestOrigin;
import org.bunnybook.web.security.AuthCookies;
import org.bunnybook.web.security.JwtProperties;
import org.bunnybook.web.security.Member;
import org.bunnybook.web.security.RevocationList;
import org.bunnybook.web.security.Tokens;
import org.bunnybook.web.security.Tokens.RefreshClaims;
import org.bunnybook.web.security.Tokens.SessionOfToken;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Logging in starts an event-sourced session; refreshing rotates its refresh token (a replayed old token revokes the
 * whole session, unless it is the one just replaced, presented again within the grace window); logging out revokes
 * it. The refresh cookie reaches {@code /web/refresh} only, so logout names the session by the access token's
 * {@code sid}, which may have expired meanwhile (its signature still proves it is ours).
 */
@RestController
class SessionController {

    private static final String BEARER = "Bearer ";

    private final ReadYourWrites commands;
    private final QueryGateway queries;
    private final PasswordEncoder passwordEncoder;
    private final Tokens tokens;
    private final AuthCookies cookies;
    private final RevocationList revocations;
    private final JwtProperties jwt;
    private final Clock clock;
    /** Compared against when the email is unknown, so that both refusals take as long. */
    private final String decoyHash;

    SessionController(ReadYourWrites commands, QueryGateway queries, PasswordEncoder passwordEncoder, Tokens tokens,
                      AuthCookies cookies, RevocationList revocations, JwtProperties jwt,
                      Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.passwordEncoder = passwordEncoder;
        this.tokens = tokens;
        this.cookies = cookies;
        this.revocations = revocations;
        this.jwt = jwt;
        this.clock = clock;
        this.decoyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    @PostMapping("/web/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http,
                        HttpServletResponse response) {
        Optional<AccountView> account = queries.query(new FindAccountByEmail(request.email()),
                ResponseTypes.optionalInstanceOf(AccountView.class)).join();
        String hash = account.map(AccountView::passwordHash).orElse(decoyHash);
        if (!Passwords.fitBcrypt(request.password()) // longer ones were never accepted, so never match
                || !passwordEncoder.matches(request.password(), hash) || account.isEmpty()) {
            throw ApiException.unauthorized();
        }
        AccountView member = account.get();
        var session = new RefreshClaims(UUID.randomUUID(), UUID.randomUUID(), member.id());
        commands.send(GenericCommandMessage.asCommandMessage(
                        new StartSession(session.sessionId(), member.id(), session.tokenId(), Devices.of(http)))
                .withMetaData(MetaData.with(RequestOrigin.ACTOR, member.id().toString())));
        return issue(member, session, response);
    }

    @PostMapping("/web/refresh")
    TokenResponse refresh(HttpServletRequest http, HttpServletResponse response) {
        RefreshClaims presented = presentedRefreshToken(http).orElseThrow(() -> refused(response));
        var next = new RefreshClaims(presented.sessionId(), UUID.randomUUID(), presented.profileId());
        RotationOutcome outcome;
        try {
            outcome = commands.send(GenericCommandMessage.asCommandMessage(
                            new RotateRefreshToken(presented.sessionId(), presented.tokenId(), next.tokenId(),
                                    clock.instant(), jwt.absoluteSessionLifetime(), jwt.refreshGrace()))
                    .withMetaData(MetaData.with(RequestOrigin.ACTOR, presented.profileId().toString())));
        } catch (AggregateNotFoundException e) {
            throw refused(response);
        }
        if (outcome != RotationOutcome.ROTATED) {
            revocations.revoked(presented.sessionId()); // reuse or expiry ended it just now (or it had ended)
            throw refused(response);
        }
        AccountView member = queries.query(new FindAccountById(presented.profileId()),
                        ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                .orElseThrow(() -> refused(response));
        return issue(member, next, response);
    }

    @PostMapping("/web/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest http, HttpServletResponse response) {
        presentedSession(http).ifPresent(session -> {
            try {
                commands.send(GenericCommandMessage.asCommandMessage(
                                new RevokeSession(session.sessionId(), RevocationReason.LOGOUT))
                        .withMetaData(MetaData.with(RequestOrigin.ACTOR, session.profileId().toString())));
                revocations.revoked(session.sessionId());
            } catch (AggregateNotFoundException e) {
                // nothing to revoke
            }
        });
        cookies.clear(response);
    }

    /**
     * The session to end: the access token's (bearer header, else cookie; expired or not), else the refresh cookie's,
     * which only a browser still holding one from before it was scoped to {@code /web/refresh} sends here.
     */
    private Optional<SessionOfToken> presentedSession(HttpServletRequest http) {
        String header = http.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<String> access = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? Optional.of(header.substring(BEARER.length()).trim())
                : AuthCookies.read(http, AuthCookies.ACCESS);
        return access.flatMap(tokens::readSessionOfAnyAge)
                .or(() -> presentedRefreshToken(http)
                        .map(refresh -> new SessionOfToken(refresh.sessionId(), refresh.profileId())));
    }

    private Optional<RefreshClaims> presentedRefreshToken(HttpServletRequest http) {
        return AuthCookies.read(http, AuthCookies.REFRESH).flatMap(tokens::readRefresh);
    }

    private TokenResponse issue(AccountView account, RefreshClaims session, HttpServletResponse response) {
        var access = tokens.issueAccess(new Member(account.id(), account.username(), account.role()),
                session.sessionId());
        var refresh = tokens.issueRefresh(session);
        cookies.set(response, access, refresh);
        return new TokenResponse(access.jwt(), access.expiresAt().getEpochSecond(),
                refresh.expiresAt().getEpochSecond());
    }

    /** A refused refresh also clears the cookies, so the browser stops presenting a token that cannot work. */
    private ApiException refused(HttpServletResponse response) {
        cookies.clear(response);
        return ApiException.unauthorized();
    }
}
