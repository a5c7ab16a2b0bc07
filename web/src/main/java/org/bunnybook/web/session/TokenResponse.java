package org.bunnybook.web.session;

/** What login and refresh answer; expiries are epoch seconds. The refresh token itself travels only as a cookie. */
public record TokenResponse(String accessToken, long accessExp, long refreshExp) {
}
