package org.bunnybook.web.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard in deploy/grafana is valid JSON whose every panel asks Prometheus about metric families this
 * application exports (a renamed meter would otherwise leave a panel silently empty).
 */
@BunnybookTest
class DashboardTest {

    static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "bunnybook.json");

    /** PromQL's words: functions, aggregations and their modifiers, never metric names. */
    private static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "count", "rate", "irate",
            "increase", "histogram_quantile", "by", "without", "on", "ignoring", "group_left", "group_right", "and",
            "or", "unless", "bool", "offset", "topk", "bottomk", "le");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @LocalServerPort
    int port;

    @Test
    void everyPanelQueriesFamiliesTheApplicationExports() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        assertThat(dashboard.get("uid").asText()).isEqualTo("bunnybook");
        // a workload, so that meters created on first use (per route, per command type, per push) exist: a friend
        // request's notification is pushed through the relay to the member's open socket, and the relay's meters
        // appear with the first push delivered (with no socket open nothing is delivered: alone, this test waited
        // in vain for a push that only an earlier test in the same context had made)
        Members.Member member = Members.register(port, "Dashboard");
        Posts.write(member, member, "for the panels", "PUBLIC");
        Scrape scrape;
        try (Socket tab = Socket.open(port, member.client().accessToken())) {
            Friends.request(Members.register(port, "Dashboard"), member);
            tab.await("new_unread_notification", notification -> true);
            scrape = await("a push delivered").atMost(Duration.ofSeconds(30)).until(() -> Scrape.of(port),
                    scraped -> scraped.has("bunnybook_websocket_pushes_total"));
        }

        List<String> queried = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.get("title").asText()).isNotBlank();
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                queried.addAll(metricNames(target.get("expr").asText()));
            }
        }
        assertThat(queried).isNotEmpty();
        assertThat(queried).allSatisfy(name -> assertThat(scrape.has(name)).as(name + " is exported").isTrue());
    }

    /** The metric names in a PromQL expression: what is left without label matchers, ranges, groupings and words. */
    static List<String> metricNames(String expr) {
        String bare = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ").replaceAll("\\b\\d+(\\.\\d+)?\\b", " ");
        List<String> names = new ArrayList<>();
        Matcher matcher = NAME.matcher(bare);
        while (matcher.find()) {
            String word = matcher.group();
            int after = matcher.end();
            boolean call = bare.substring(after).stripLeading().startsWith("(");
            if (!PROMQL.contains(word) && !call) {
                names.add(word);
            }
        }
        return names;
    }
}
