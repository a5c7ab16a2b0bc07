package org.bunnybook.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param secure whether cookies are sent over HTTPS only; off only for local runs on plain HTTP */
@ConfigurationProperties("bunnybook.cookies")
public record CookieProperties(@DefaultValue("true") boolean secure) {
}
