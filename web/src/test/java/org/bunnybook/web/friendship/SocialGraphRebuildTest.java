package org.bunnybook.web.friendship;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bunnybook.api.ReadModels;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.ProjectionFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.web.support.Friends.*;

/** Wiping the social graph and replaying the whole history builds the very same graph. */
@BunnybookTest
class SocialGraphRebuildTest {

    @LocalServerPort
    int port;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    Neo4jClient neo4j;

    @Autowired
    ProjectionFixture projections;

    @Test
    void aReplayedGraphEqualsTheOriginal() throws Exception {
        // a history with every kind of friendship event in it
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            members.add(Members.register(port, "Replay"));
        }
        befriend(members.get(0), members.get(1));
        befriend(members.get(1), members.get(2));
        befriend(members.get(2), members.get(3));
        request(members.get(3), members.get(4));
        request(members.get(4), members.get(5));
        reject(members.get(5), members.get(4));
        request(members.get(0), members.get(5));
        cancel(members.get(0), members.get(5));
        unfriend(members.get(2), members.get(1));
        request(members.get(1), members.get(3));

        Set<String> before = graph();
        assertThat(before).anyMatch(line -> line.startsWith("FRIEND|")).anyMatch(line -> line.startsWith("REQUESTED|"));

        StreamingEventProcessor socialGraph = processing
                .eventProcessor(ReadModels.SOCIAL_GRAPH, StreamingEventProcessor.class).orElseThrow();
        socialGraph.shutDown();
        socialGraph.resetTokens();
        assertThat(graph()).as("wiped").isEmpty();
        socialGraph.start();
        projections.awaitCaughtUp(ReadModels.SOCIAL_GRAPH);

        assertThat(graph()).isEqualTo(before);
        assertThat(relationship(members.get(0), members.get(1))).isEqualTo("FRIEND");
        assertThat(relationship(members.get(1), members.get(3))).isEqualTo("OUTGOING_FRIEND_REQUEST");
    }

    /** Every node and relationship as text; a friendship has no direction, so its ends are sorted. */
    private Set<String> graph() {
        Set<String> lines = new TreeSet<>();
        lines.addAll(neo4j.query("MATCH (p:Profile) RETURN 'Profile|' + p.id + '|' + p.username + '|' + p.key")
                .fetchAs(String.class).all());
        lines.addAll(neo4j.query("MATCH (p:Pair) RETURN 'Pair|' + p.id + '|' + p.seq").fetchAs(String.class).all());
        lines.addAll(neo4j.query("""
                        MATCH (a:Profile)-[r]->(b:Profile)
                        RETURN type(r) + '|' + CASE WHEN type(r) = 'FRIEND' AND b.id < a.id
                                                     THEN b.id + '|' + a.id ELSE a.id + '|' + b.id END""")
                .fetchAs(String.class).all());
        return lines;
    }
}
