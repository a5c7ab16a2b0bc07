package org.bunnybook.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param secret          HS256 key, at least 32 bytes; required outside the local profile (see Tokens)
 * @param accessLifetime  how long an access token is accepted
 * @param refreshLifetime how long a refresh token may be exchanged
 */
@ConfigurationProperties("bunnybook.jwt")
public record JwtProperties(String secret,
                            @DefaultValue("15m") Duration accessLifetime,
                            @DefaultValue("14d") Duration refreshLifetime) {
}
