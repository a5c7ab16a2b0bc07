package org.bunnybook.platform.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bunnybook.api.ReadModels;
import org.bunnybook.web.BunnybookApplication;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Rebuilds;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node late with its poll, which saw a rebuild cancelled just before a newer rebuild of the same group was prepared,
 * clears away nothing of the newer one, whose copy and tokens go by the same names: the newer rebuild is built and
 * switched in. (Before, the late node dropped them and the newer rebuild was cancelled as having lost its copy.) The
 * late node is played here by calling this node's part in the cancelled rebuild once more, as a slow node would
 * (from the rebuilds' package, outside the application's: its configuration is named, the same one every test shares).
 */
@BunnybookTest
@ContextConfiguration(classes = BunnybookApplication.class)
class LateCleanupTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProjectionFixture projections;

    @Autowired
    BesideLiveRebuilds beside;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aLateCleanupOfACancelledRebuildLeavesTheNextRebuildsCopyAlone() {
        ApiClient admin = Staff.admin(port);
        // so that the newer rebuild is still building when the late node acts
        Rebuilds.historyToWorkThrough(projections, ReadModels.ACCOUNTS);

        long cancelled = Rebuilds.request(admin, ReadModels.ACCOUNTS);
        assertThat(admin.send("DELETE", "/web/admin/projections/" + ReadModels.ACCOUNTS + "/rebuild",
                BodyPublishers.noBody(), Map.of()).status()).isEqualTo(204);
        long newer = Rebuilds.request(admin, ReadModels.ACCOUNTS);
        await("the newer rebuild prepared").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                .until(() -> state(newer).equals("BUILDING"));

        StreamingEventProcessor live = processing.eventProcessor(ReadModels.ACCOUNTS, StreamingEventProcessor.class)
                .orElseThrow();
        beside.takePart(cancelled, Rebuild.State.CANCELLED, beside.declared(ReadModels.ACCOUNTS).orElseThrow(), live,
                "late-node");

        await("the newer rebuild switched in").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> state(newer), state -> state.equals("FINISHED") || state.equals("CANCELLED"));
        assertThat(state(newer)).as("the newer rebuild, its copy left alone").isEqualTo("FINISHED");
        assertThat(state(cancelled)).isEqualTo("CANCELLED");
    }

    private String state(long rebuild) {
        return jdbc.sql("SELECT state FROM projection_rebuilds WHERE rebuild_id = :id").param("id", rebuild)
                .query(String.class).single();
    }
}
