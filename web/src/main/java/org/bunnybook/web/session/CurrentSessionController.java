package org.bunnybook.web.session;

import org.bunnybook.api.account.Role;
import org.bunnybook.web.security.Tokens;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * What the presented access token says, read from the token alone: who the caller is and until when the token
 * serves. A client that lost the expiry it was told at login (cleared storage, another program sharing the cookies)
 * learns from it when to renew, without a round trip to any store; {@code GET /web/me} is the one that reads the
 * account. Being store-free, it is also the floor the HTTP read benchmark measures the other reads against.
 */
@RestController
class CurrentSessionController {

    @GetMapping("/web/session")
    CurrentSession session(Tokens.AccessGrant grant) {
        return new CurrentSession(grant.member().profileId(), grant.member().username(), grant.member().role(),
                grant.expiresAt().getEpochSecond());
    }

    /** The access token's claims; {@code accessExp} in epoch seconds, as login answers it. */
    record CurrentSession(UUID id, String username, Role role, long accessExp) {
    }
}
