package org.bunnybook.web.account;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.ChangePassword;
import org.bunnybook.api.session.RevocationReason;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.Tokens.AccessGrant;
import org.bunnybook.web.session.SessionEnding;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/**
 * A member changes their password, proving the current one: whoever else holds a session of theirs (a thief, a
 * forgotten device) is logged out, this session goes on.
 */
@RestController
class PasswordController {

    private final ReadYourWrites commands;
    private final OwnPassword ownPassword;
    private final PasswordEncoder passwordEncoder;
    private final SessionEnding sessions;

    PasswordController(ReadYourWrites commands, OwnPassword ownPassword, PasswordEncoder passwordEncoder,
                       SessionEnding sessions) {
        this.commands = commands;
        this.ownPassword = ownPassword;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
    }

    @PutMapping("/web/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Changes the caller's password (403 if the current one is wrong); ends their other sessions")
    void change(@Valid @RequestBody PasswordChangeRequest request, AccessGrant grant) {
        if (!Passwords.fitBcrypt(request.newPassword())) {
            throw ApiException.invalid("body", "newPassword", "must be at most " + Passwords.MAX_BYTES + " bytes");
        }
        AccountView account = ownPassword.proven(grant.member().profileId(), request.currentPassword());
        commands.send(new ChangePassword(account.id(), passwordEncoder.encode(request.newPassword())));
        sessions.endAll(account.id(), RevocationReason.PASSWORD_CHANGED, Optional.of(grant.sessionId()));
    }
}
