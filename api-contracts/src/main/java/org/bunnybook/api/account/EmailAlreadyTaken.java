package org.bunnybook.api.account;

/** Registration refused: another account holds this email address. */
public class EmailAlreadyTaken extends RuntimeException {
    public EmailAlreadyTaken(String email) {
        super("email already taken: " + email);
    }
}
