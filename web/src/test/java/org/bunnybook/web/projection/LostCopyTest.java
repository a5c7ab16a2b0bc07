package org.bunnybook.web.projection;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.ReadModels;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Rebuilds;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild whose copy is lost while it is built (here the copies' schema is dropped; for the feed timelines or the
 * graph, a Redis or Neo4j that lost them) could never switch over: the nodes cancel it themselves, rather than putting
 * its switch off at every attempt with the admin page showing it building for ever. The live read model serves on,
 * and the rebuild can be asked for again.
 */
@BunnybookTest
class LostCopyTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProjectionFixture projections;

    @Test
    void aRebuildWhoseCopyIsLostIsCancelledAndTheLiveModelServesOn() {
        ApiClient admin = Staff.admin(port);
        Member member = Members.register(port, "Kept");
        // so that the copy's processor, should it start before the schema goes, is not done
        Rebuilds.historyToWorkThrough(projections, ReadModels.ACCOUNTS);
        String status = "/web/admin/projections/" + ReadModels.ACCOUNTS;

        long rebuild = Rebuilds.request(admin, ReadModels.ACCOUNTS);
        // made as the rebuild is prepared, a poll before any node runs the rebuild's processor
        await("the copies made").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                .until(() -> schemaExists("rebuild_accounts"));
        jdbc.sql("DROP SCHEMA rebuild_accounts CASCADE").update();

        JsonNode cancelled = await("the rebuild cancelled").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> admin.get(status).json(), now -> now.get("rebuild").get("state").asText()
                        .equals("CANCELLED"));
        assertThat(cancelled.get("rebuild").get("id").asLong()).isEqualTo(rebuild);
        await("the rebuild's processor stopped and its tokens forgotten").atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name = :name")
                        .param("name", ReadModels.ACCOUNTS + ".rebuild").query(Long.class).single() == 0);
        JsonNode after = admin.get(status).json();
        assertThat(after.get("thisNode").get("running").asBoolean()).as("the live group runs on").isTrue();
        assertThat(after.get("shadow").isNull()).isTrue();
        assertThat(member.me().get("username").asText()).as("the live accounts serve on").isEqualTo(member.username());
        Member newcomer = Members.register(port, "Meanwhile");
        assertThat(newcomer.me().get("username").asText()).isEqualTo(newcomer.username());

        // asked for again, it is built and switched in
        Rebuilds.rebuild(admin, ReadModels.ACCOUNTS);
        projections.awaitCaughtUp(ReadModels.ACCOUNTS);
        assertThat(newcomer.me().get("username").asText()).isEqualTo(newcomer.username());
    }

    private boolean schemaExists(String schema) {
        return jdbc.sql("SELECT to_regnamespace(:schema) IS NOT NULL").param("schema", schema)
                .query(Boolean.class).single();
    }
}
