package org.bunnybook.web.account;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.EraseAccount;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.session.RevocationReason;
import org.bunnybook.api.session.SessionView;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.AuthCookies;
import org.bunnybook.web.security.Tokens.AccessGrant;
import org.bunnybook.web.session.SessionEnding;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * A member erases their account, proving their password: their key is shredded and every read model forgets them
 * (the answer waits for that), then every session of theirs ends at once, this one included (docs/privacy.md).
 */
@RestController
class AccountErasureController {

    private final ReadYourWrites commands;
    private final QueryGateway queries;
    private final PasswordEncoder passwordEncoder;
    private final SessionEnding sessions;
    private final AuthCookies cookies;

    AccountErasureController(ReadYourWrites commands, QueryGateway queries, PasswordEncoder passwordEncoder,
                             SessionEnding sessions, AuthCookies cookies) {
        this.commands = commands;
        this.queries = queries;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @DeleteMapping("/web/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Erases the caller's account (403 if the password is wrong): their personal data becomes "
            + "unreadable everywhere, they appear as \"erased member\", and every session of theirs ends")
    void erase(@RequestBody(required = false) ErasureRequest request, AccessGrant grant,
               HttpServletResponse response) {
        if (request == null || request.password() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST);
        }
        AccountView account = queries.query(new FindAccountById(grant.member().profileId()),
                        ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                .orElseThrow(ApiException::unauthorized);
        if (!Passwords.fitBcrypt(request.password())
                || !passwordEncoder.matches(request.password(), account.passwordHash())) {
            throw ApiException.forbidden();
        }
        // listed before the erasure, which scrubs what the sessions read model knew of them
        List<SessionView> live = sessions.sessionsOf(account.id());
        commands.send(new EraseAccount(account.id()));
        live.forEach(session -> sessions.end(session.sessionId(), RevocationReason.ACCOUNT_ERASED));
        sessions.end(grant.sessionId(), RevocationReason.ACCOUNT_ERASED); // even if the list missed it
        cookies.clear(response);
    }
}
