package org.bunnybook.api.account;

/** Answers an {@link java.util.Optional} of {@link AccountView}; the email is compared lower-cased. */
public record FindAccountByEmail(String email) {
}
