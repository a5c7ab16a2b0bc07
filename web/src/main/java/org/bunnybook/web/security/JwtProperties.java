package org.bunnybook.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param secret                  HS256 key, at least 32 bytes; required outside the local profile (see Tokens)
 * @param accessLifetime          how long an access token is accepted
 * @param refreshLifetime         how long a refresh token may be exchanged (the sliding part of a session's life)
 * @param absoluteSessionLifetime how long a session lasts at most from its login, however often it is refreshed
 * @param refreshGrace            how long after a refresh the token it replaced may be presented once more (a client
 *                                that lost the answer) and rotated again, instead of revoking the session as reuse
 */
@ConfigurationProperties("bunnybook.jwt")
public record JwtProperties(String secret,
                            @DefaultValue("15m") Duration accessLifetime,
                            @DefaultValue("14d") Duration refreshLifetime,
                            @DefaultValue("90d") Duration absoluteSessionLifetime,
                            @DefaultValue("10s") Duration refreshGrace) {
}
