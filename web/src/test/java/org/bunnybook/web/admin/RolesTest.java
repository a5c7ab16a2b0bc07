package org.bunnybook.web.admin;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin configured for the test run (application-test.yml) is bootstrapped at start-up and grants roles. */
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
}
