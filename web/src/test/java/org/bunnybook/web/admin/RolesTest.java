package org.bunnybook.web.admin;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin configured for the test run (application-test.yml) is bootstrapped at start-up, reads members' accounts
 * and grants roles.
 */
@BunnybookTest
class RolesTest {

    @LocalServerPort
    int port;

    @Value("${bunnybook.admin.email}")
    String adminEmail;

    @Value("${bunnybook.admin.password}")
    String adminPassword;

    private ApiClient admin() {
        ApiClient admin = new ApiClient(port);
        var login = admin.post("/web/login", Map.of("email", adminEmail, "password", adminPassword));
        assertThat(login.status()).isEqualTo(200);
        return admin.bearer(login.json().get("accessToken").asText());
    }

    @Test
    void theConfiguredAdminExistsAndIsAnAdmin() {
        var me = admin().get("/web/me").json();
        assertThat(me.get("role").asText()).isEqualTo("ADMIN");
        assertThat(me.get("username").asText()).isEqualTo("chief");
    }

    @Test
    void anAdminGrantsAuditorAndTheMembersNextTokenCarriesIt() {
        var member = Members.register(port, "Campion");
        var granted = admin().put("/web/admin/profiles/" + member.id() + "/role", Map.of("role", "AUDITOR"));
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().get("role").asText()).isEqualTo("AUDITOR");

        var relogin = member.client().post("/web/login", Map.of("email", member.email(), "password", Members.PASSWORD));
        var me = new ApiClient(port).bearer(relogin.json().get("accessToken").asText()).get("/web/me");
        assertThat(me.json().get("role").asText()).isEqualTo("AUDITOR");
    }

    @Test
    void onlyAdminsMayGrantRoles() {
        var member = Members.register(port, "Vervain");
        var target = Members.register(port, "Chervil");
        String path = "/web/admin/profiles/" + target.id() + "/role";
        assertThat(new ApiClient(port).put(path, Map.of("role", "ADMIN")).status()).isEqualTo(401);
        var forbidden = member.client().put(path, Map.of("role", "ADMIN"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("detail").asText()).isEqualTo("Forbidden");
        assertThat(target.me().get("role").asText()).isEqualTo("USER");
    }

    @Test
    void grantingToNobodyOrAnUnknownRoleIsRefused() {
        ApiClient admin = admin();
        assertThat(admin.put("/web/admin/profiles/" + UUID.randomUUID() + "/role", Map.of("role", "AUDITOR"))
                .status()).isEqualTo(404);
        var member = Members.register(port, "Silverweed");
        var invalid = admin.put("/web/admin/profiles/" + member.id() + "/role", Map.of("role", "EMPEROR"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"role\"]");
    }

    @Test
    void anAdminReadsAMembersAccountWithItsRoleBeforeAndAfterAGrant() {
        var member = Members.register(port, "Clover");
        ApiClient admin = admin();
        String path = "/web/admin/profiles/" + member.id();

        var before = admin.get(path);
        assertThat(before.status()).as(before.text()).isEqualTo(200);
        assertThat(before.json().get("id").asText()).isEqualTo(member.id().toString());
        assertThat(before.json().get("username").asText()).isEqualTo(member.username());
        assertThat(before.json().get("email").asText()).isEqualTo(member.email());
        assertThat(before.json().get("role").asText()).isEqualTo("USER");
        assertThat(before.json().has("passwordHash")).isFalse();

        assertThat(admin.put(path + "/role", Map.of("role", "AUDITOR")).status()).isEqualTo(200);
        assertThat(admin.get(path).json().get("role").asText()).isEqualTo("AUDITOR");
    }

    @Test
    void onlyAdminsMayReadAccounts() {
        var target = Members.register(port, "Sorrel");
        String path = "/web/admin/profiles/" + target.id();
        assertThat(new ApiClient(port).get(path).status()).isEqualTo(401);
        assertThat(Members.register(port, "Yarrow").client().get(path).status()).isEqualTo(403);
        var auditors = Staff.auditor(port).client().get(path);
        assertThat(auditors.status()).isEqualTo(403);
        assertThat(auditors.json().get("detail").asText()).isEqualTo("Forbidden");
    }

    /** A malformed id is invalid input like any other: 422 naming it, as docs/http-api.md says. */
    @Test
    void readingNobodyIs404AndAMalformedIdIs422() {
        ApiClient admin = admin();
        var nobody = admin.get("/web/admin/profiles/" + UUID.randomUUID());
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.json().get("detail").asText()).isEqualTo("Not Found");
        var malformed = admin.get("/web/admin/profiles/not-a-uuid");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"path\",\"id\"]");
    }
}
