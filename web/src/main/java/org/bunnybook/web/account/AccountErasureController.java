package org.bunnybook.web.account;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.EraseAccount;
import org.bunnybook.api.session.RevocationReason;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.AuthCookies;
import org.bunnybook.web.security.Tokens.AccessGrant;
import org.bunnybook.web.session.SessionEnding;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/**
 * A member erases their account, proving their password: their key is shredded and every read model forgets them
 * (the answer waits for that), then every session of theirs ends at once, this one included (docs/privacy.md).
 */
@RestController
class AccountErasureController {

    private final ReadYourWrites commands;
    private final OwnPassword ownPassword;
    private final SessionEnding sessions;
    private final AuthCookies cookies;

    AccountErasureController(ReadYourWrites commands, OwnPassword ownPassword, SessionEnding sessions,
                             AuthCookies cookies) {
        this.commands = commands;
        this.ownPassword = ownPassword;
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
        AccountView account = ownPassword.proven(grant.member().profileId(), request.password());
        commands.send(new EraseAccount(account.id()));
        sessions.endAll(account.id(), RevocationReason.ACCOUNT_ERASED, Optional.empty());
        sessions.end(grant.sessionId(), RevocationReason.ACCOUNT_ERASED); // even if the read model lags behind it
        cookies.clear(response);
    }
}
