package org.bunnybook.api.account;

/** Registration refused: another account holds this username (compared case-insensitively). */
public class UsernameAlreadyTaken extends RuntimeException {
    public UsernameAlreadyTaken(String username) {
        super("username already taken: " + username);
    }
}
