package org.bunnybook.web.account;

/** The member's password, proving it is they who erase their account. */
public record ErasureRequest(String password) {
}
