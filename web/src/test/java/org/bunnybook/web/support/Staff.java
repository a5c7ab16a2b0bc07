package org.bunnybook.web.support;

import org.bunnybook.web.support.Members.Member;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin bootstrapped for the test run (application-test.yml), and auditors it appoints. */
public final class Staff {

    private static final String ADMIN_EMAIL = "chief@bunnybook.test";
    /** The bootstrapped admin's password, for what asks for it again (changing it, say). */
    public static final String ADMIN_PASSWORD = "chief-password-123";

    private Staff() {
    }

    public static ApiClient admin(int port) {
        return loggedIn(port, ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** A new member made AUDITOR by the admin, signed in again so that the token carries the role. */
    public static Member auditor(int port) {
        return appointed(port, "Auditor", "AUDITOR");
    }

    /** A new member made MODERATOR by the admin, signed in again so that the token carries the role. */
    public static Member moderator(int port) {
        return appointed(port, "Moderator", "MODERATOR");
    }

    private static Member appointed(int port, String prefix, String role) {
        Member member = Members.register(port, prefix);
        var granted = admin(port).put("/web/admin/profiles/" + member.id() + "/role", Map.of("role", role));
        assertThat(granted.status()).as(granted.text()).isEqualTo(200);
        return new Member(member.id(), member.username(), member.email(),
                loggedIn(port, member.email(), Members.PASSWORD));
    }

    private static ApiClient loggedIn(int port, String email, String password) {
        ApiClient client = new ApiClient(port);
        var login = client.post("/web/login", Map.of("email", email, "password", password));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return client.bearer(login.json().get("accessToken").asText());
    }
}
