package org.bunnybook.web.account;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.web.error.ApiException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * A signed-in member proving their own password before changing it or erasing their account: a stolen access token
 * alone must not do either. 403 when it does not match (or is longer than any BCrypt ever accepted), 401 when the
 * account is gone.
 */
@Component
class OwnPassword {

    private final QueryGateway queries;
    private final PasswordEncoder passwordEncoder;

    OwnPassword(QueryGateway queries, PasswordEncoder passwordEncoder) {
        this.queries = queries;
        this.passwordEncoder = passwordEncoder;
    }

    AccountView proven(UUID profileId, String password) {
        AccountView account = queries.query(new FindAccountById(profileId),
                        ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                .orElseThrow(ApiException::unauthorized);
        if (!Passwords.fitBcrypt(password) || !passwordEncoder.matches(password, account.passwordHash())) {
            throw ApiException.forbidden();
        }
        return account;
    }
}
