package org.bunnybook.web.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin, created or promoted at start-up when email and password are set.
 *
 * @param username used only when the account has to be created
 */
@ConfigurationProperties("bunnybook.admin")
record AdminProperties(String email, String password, @DefaultValue("admin") String username) {

    boolean configured() {
        return email != null && !email.isBlank() && password != null && !password.isBlank();
    }
}
