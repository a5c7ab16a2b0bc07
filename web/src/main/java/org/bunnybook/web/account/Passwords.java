package org.bunnybook.web.account;

import java.nio.charset.StandardCharsets;

/** BCrypt reads at most 72 bytes of a password (and refuses longer ones): 64 characters can be more than that. */
public final class Passwords {

    public static final int MAX_BYTES = 72;

    private Passwords() {
    }

    public static boolean fitBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
