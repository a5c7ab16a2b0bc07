package org.bunnybook.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Waits on the ledger, which chains events a moment after they are stored, and on its verifications. */
public final class Ledger {

    private Ledger() {
    }

    /** Waits until every event of the aggregate stored so far is chained (altering one before would be chained). */
    public static void awaitChained(JdbcClient jdbc, String aggregateId) {
        await("the ledger chaining the events of " + aggregateId).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("""
                                SELECT count(*) = count(l.global_index) FROM domain_event_entry e
                                LEFT JOIN ledger_entries l USING (global_index) WHERE e.aggregate_identifier = :id""")
                        .param("id", aggregateId).query(Boolean.class).single());
    }

    /**
     * Starts a verification (waiting for one already running to end first, if another test started it) and follows
     * it until it ends; answers the job as it ended.
     */
    public static JsonNode verify(ApiClient auditor, String body) {
        ApiClient.Response started = await("a verification starting").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> auditor.post("/web/audit/verify", body), answer -> answer.status() != 409);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(started.json().get("state").asText()).isIn("RUNNING", "FINISHED");
        String job = started.header("Location");
        assertThat(job).isEqualTo("/web/audit/verify/" + started.json().get("verificationId").asText());
        JsonNode ended = await("the verification ending").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> auditor.get(job).json(), progress -> !progress.get("state").asText().equals("RUNNING"));
        assertThat(ended.get("state").asText()).as(ended.toString()).isEqualTo("FINISHED");
        return ended;
    }
}
