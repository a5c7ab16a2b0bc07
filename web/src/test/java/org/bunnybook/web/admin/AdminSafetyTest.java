package org.bunnybook.web.admin;

import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.account.Registrations;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nobody becomes admin by registering the admin's email first, and the network never runs out of admins: the last
 * one cannot be demoted, also when two admins demote each other at the same moment.
 */
@BunnybookTest
class AdminSafetyTest {

    private static final String CHIEF = "chief@bunnybook.test";

    @LocalServerPort
    int port;

    @Autowired
    ReadYourWrites commands;

    @Autowired
    QueryGateway queries;

    @Autowired
    Registrations registrations;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    JdbcClient jdbc;

    private AdminBootstrap bootstrapFor(String email, String password) {
        return new AdminBootstrap(new AdminProperties(email, password, "unused"), commands, queries, registrations,
                passwords);
    }

    @Test
    void aStrangerWhoRegisteredTheAdminsEmailFirstIsNotPromotedAndTheApplicationRefusesToStart() {
        Member stranger = Members.register(port, "Squatter");

        assertThatThrownBy(() -> bootstrapFor(stranger.email(), "the-operators-password").run(
                new DefaultApplicationArguments()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to make " + stranger.email() + " an admin");
        assertThat(stranger.me().get("role").asText()).isEqualTo("USER");
    }

    @Test
    void theOperatorsOwnAccountWithTheConfiguredPasswordIsPromoted() {
        Member operator = Members.register(port, "Operator");

        bootstrapFor(operator.email(), Members.PASSWORD).run(new DefaultApplicationArguments());

        ApiClient relogin = new ApiClient(port);
        var login = relogin.post("/web/login", Map.of("email", operator.email(), "password", Members.PASSWORD));
        assertThat(relogin.bearer(login.json().get("accessToken").asText()).get("/web/me").json().get("role").asText())
                .isEqualTo("ADMIN");
    }

    @Test
    void theLastAdminCannotBeDemotedNotEvenByTwoAdminsDemotingEachOtherAtOnce() {
        ApiClient chief = Staff.admin(port);
        UUID chiefId = UUID.fromString(chief.get("/web/me").json().get("id").asText());
        // other tests of this run may have made admins: the chief demotes them all, to be the only one left
        for (UUID other : admins()) {
            if (!other.equals(chiefId)) {
                assertThat(chief.put(rolePath(other), Map.of("role", "USER")).status()).isEqualTo(200);
            }
        }
        assertThat(admins()).containsExactly(chiefId);

        var refused = chief.put(rolePath(chiefId), Map.of("role", "AUDITOR"));
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains("last admin");
        assertThat(chief.get("/web/admin/profiles/" + chiefId).json().get("role").asText()).isEqualTo("ADMIN");

        // a second admin, and the two demote each other at the same moment: one of them stays admin
        Member deputy = Members.register(port, "Deputy");
        assertThat(chief.put(rolePath(deputy.id()), Map.of("role", "ADMIN")).status()).isEqualTo(200);
        ApiClient deputyAsAdmin = new ApiClient(port);
        var login = deputyAsAdmin.post("/web/login", Map.of("email", deputy.email(), "password", Members.PASSWORD));
        deputyAsAdmin.bearer(login.json().get("accessToken").asText());

        var chiefDemotesDeputy = CompletableFuture.supplyAsync(
                () -> chief.put(rolePath(deputy.id()), Map.of("role", "USER")).status());
        var deputyDemotesChief = CompletableFuture.supplyAsync(
                () -> deputyAsAdmin.put(rolePath(chiefId), Map.of("role", "USER")).status());
        assertThat(List.of(chiefDemotesDeputy.join(), deputyDemotesChief.join())).containsExactlyInAnyOrder(200, 409);
        assertThat(admins()).hasSize(1);

        // whoever is left restores the chief as the only admin, for the other tests of this run
        ApiClient survivor = admins().contains(chiefId) ? chief : deputyAsAdmin;
        assertThat(survivor.put(rolePath(chiefId), Map.of("role", "ADMIN")).status()).isEqualTo(200);
        if (!survivor.equals(chief)) {
            // the chief's role changed twice, and each change ended the chief's sessions: sign in again
            assertThat(Staff.admin(port).put(rolePath(deputy.id()), Map.of("role", "USER")).status()).isEqualTo(200);
        }
        assertThat(admins()).containsExactly(chiefId);
    }

    private static String rolePath(UUID id) {
        return "/web/admin/profiles/" + id + "/role";
    }

    /** As the command side counts them: the roster that decides demotions. */
    private List<UUID> admins() {
        return jdbc.sql("SELECT profile_id FROM admin_roster").query(UUID.class).list();
    }
}
