package org.bunnybook.platform.processing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The nodes' heartbeats in {@code cluster_nodes}: who is live, and which processing groups each one runs. */
@Component
public class ClusterNodes {

    private final JdbcClient jdbc;

    ClusterNodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Says that {@code node} is live and runs {@code groups}. */
    void beat(String node, Set<String> groups) {
        jdbc.sql("""
                        INSERT INTO cluster_nodes (node_id, groups, last_seen) VALUES (:node, :groups, now())
                        ON CONFLICT (node_id) DO UPDATE SET groups = excluded.groups, last_seen = excluded.last_seen""")
                .param("node", node)
                .param("groups", groups.toArray(String[]::new))
                .update();
    }

    /** The nodes heard from within {@code window}, in name order, each with the groups it runs. */
    public List<Node> live(Duration window) {
        return jdbc.sql("""
                        SELECT node_id, groups FROM cluster_nodes
                        WHERE last_seen > now() - make_interval(secs => :seconds) ORDER BY node_id""")
                .param("seconds", window.toMillis() / 1000.0)
                .query((rs, row) -> new Node(rs.getString("node_id"), groups(rs.getArray("groups"))))
                .list();
    }

    /** Says that {@code node} is leaving, so that the others take over its segments without waiting for silence. */
    void leave(String node) {
        jdbc.sql("DELETE FROM cluster_nodes WHERE node_id = :node").param("node", node).update();
    }

    private static Set<String> groups(Array array) throws SQLException {
        return Set.copyOf(Arrays.asList((String[]) array.getArray()));
    }

    /** A live node and the processing groups it runs. */
    public record Node(String name, Set<String> groups) {
    }
}
