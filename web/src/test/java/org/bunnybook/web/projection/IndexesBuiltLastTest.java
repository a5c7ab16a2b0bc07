package org.bunnybook.web.projection;

import org.bunnybook.api.ReadModels;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Rebuilds;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild beside the live model fills its copies without the indexes only members' reads use (the notifications'
 * pages), builds them once the copies have nearly caught up, and swaps in tables with every index the live ones had.
 */
@BunnybookTest
class IndexesBuiltLastTest {

    private static final String COPIES = "rebuild_notifications";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ProjectionFixture projections;

    @Test
    void theCopiesGetThePageIndexOnlyBeforeTheyAreSwappedInWithEveryIndexOfTheLiveTables() throws Exception {
        Member asker = Members.register(port, "Indexed");
        Friends.request(Members.register(port, "Asked"), asker);
        Rebuilds.historyToWorkThrough(projections, ReadModels.NOTIFICATIONS);
        List<String> indexesBefore = indexes(jdbc, "public");
        assertThat(indexesBefore).anyMatch(index -> index.contains("notifications_page"));
        ApiClient admin = Staff.admin(port);

        var requested = admin.post("/web/admin/projections/" + ReadModels.NOTIFICATIONS + "/rebuild", "");
        assertThat(requested.status()).as(requested.text()).isEqualTo(202);
        long rebuild = requested.json().get("id").asLong();
        await("the copies made").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> state(admin, rebuild).equals("BUILDING"));
        try (Connection connection = dataSource.getConnection()) {
            // holds the copy still: the page index cannot be built until this lets go, nor the copy swapped in
            connection.setAutoCommit(false);
            JdbcClient holding = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            holding.sql("LOCK TABLE " + COPIES + ".notifications IN ACCESS EXCLUSIVE MODE").update();
            assertThat(indexes(holding, COPIES)).as("the copies as they are filled")
                    .noneMatch(index -> index.contains("notifications_page"))
                    .anyMatch(index -> index.contains("notifications_by_post"))
                    .anyMatch(index -> index.contains("notifications_unread"))
                    .anyMatch(index -> index.contains("notifications_pkey"));
            connection.rollback();
        }
        await("the rebuild switching over").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> state(admin, rebuild).equals("FINISHED"));

        assertThat(indexes(jdbc, "public")).isEqualTo(indexesBefore);
        var page = asker.client().get("/web/profiles/" + asker.id() + "/notifications");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get(0).at("/data/event").asText()).isEqualTo("NEW_FRIENDSHIP_REQUEST");
    }

    private static String state(ApiClient admin, long rebuild) {
        var current = admin.get("/web/admin/projections/" + ReadModels.NOTIFICATIONS).json().get("rebuild");
        return current.get("id").asLong() == rebuild ? current.get("state").asText() : "none";
    }

    /**
     * The notifications table's indexes in {@code schema}, named and defined as the live ones are (read on the
     * connection holding the copy, if it is held: describing an index waits for its table's lock).
     */
    private static List<String> indexes(JdbcClient jdbc, String schema) {
        return jdbc.sql("SELECT indexname || ': ' || replace(indexdef, :schema || '.', 'public.') FROM pg_indexes"
                        + " WHERE schemaname = :schema AND tablename = 'notifications' ORDER BY indexname")
                .param("schema", schema).query(String.class).list();
    }
}
