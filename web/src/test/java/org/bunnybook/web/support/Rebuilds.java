package org.bunnybook.web.support;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rebuilds a read model through the admin API, as an operator would, and waits for it to finish. */
public final class Rebuilds {

    private Rebuilds() {
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
