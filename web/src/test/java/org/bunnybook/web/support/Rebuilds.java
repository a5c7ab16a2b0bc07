package org.bunnybook.web.support;

import org.bunnybook.api.account.Role;
import org.bunnybook.api.account.RoleGranted;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rebuilds a read model through the admin API, as an operator would, and waits for it to finish. */
public final class Rebuilds {

    private Rebuilds() {
    }

    /**
     * History for a rebuild's copy to work through, so that the rebuild lasts a while: 1,500 grants to an account no
     * one has, handled by {@code group} before the test goes on.
     */
    public static void historyToWorkThrough(ProjectionFixture projections, String group) {
        UUID nobody = UUID.randomUUID();
        projections.given("Account", nobody, IntStream.range(0, 1500)
                        .mapToObj(i -> new RoleGranted(nobody, Role.USER, Role.USER)).toArray())
                .handledBy(group);
    }

    /** Asks for a rebuild of {@code group}, which must be accepted, and answers its id. */
    public static long request(ApiClient admin, String group) {
        var requested = admin.post("/web/admin/projections/" + group + "/rebuild", "");
        assertThat(requested.status()).as(requested.text()).isEqualTo(202);
        return requested.json().get("id").asLong();
    }

    /** Starts a rebuild of {@code group} (waiting for one already running to end first) and waits until it is done. */
    public static void rebuild(ApiClient admin, String group) {
        var requested = await("a rebuild of " + group + " starting").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> admin.post("/web/admin/projections/" + group + "/rebuild", ""),
                        answer -> answer.status() != 409);
        assertThat(requested.status()).as(requested.text()).isEqualTo(202);
        long rebuild = requested.json().get("id").asLong();
        await("rebuild of " + group + " finishing").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> admin.get("/web/admin/projections/" + group).json().get("rebuild"),
                        current -> current.get("id").asLong() == rebuild
                                && current.get("state").asText().equals("FINISHED"));
    }
}
