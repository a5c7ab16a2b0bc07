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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The accounts read model is rebuilt beside the live one: members keep logging in and renewing their tokens the
 * whole time, and not one of them notices.
 */
@BunnybookTest
class AccountsRebuiltBesideLiveTest {

    private static final int CLIENTS = 4;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProjectionFixture projections;

    @Test
    void noLoginOrRefreshFailsWhileAccountsAreRebuiltAndTheRebuiltModelIsComplete() throws Exception {
        ApiClient admin = Staff.admin(port);
        List<Member> members = IntStream.range(0, 8).mapToObj(i -> Members.register(port, "Steady")).toList();
        Rebuilds.historyToWorkThrough(projections, ReadModels.ACCOUNTS);
        List<Map<String, Object>> accountsBefore = accounts();
        List<String> indexesBefore = indexes();

        AtomicReference<String> phase = new AtomicReference<>("before");
        List<String> phasesServed = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean going = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread client = new Thread(() -> {
                while (going.get()) {
                    Member member = members.get(ThreadLocalRandom.current().nextInt(members.size()));
                    String during = phase.get();
                    if (logInAndRefresh(member, failures)) {
                        phasesServed.add(during);
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        List<JsonNode> seen = new ArrayList<>();
        try {
            var requested = admin.post("/web/admin/projections/" + ReadModels.ACCOUNTS + "/rebuild", "");
            assertThat(requested.status()).as(requested.text()).isEqualTo(202);
            assertThat(requested.json().get("besideLive").asBoolean()).isTrue();
            long rebuild = requested.json().get("id").asLong();
            await("the rebuild of accounts switching over").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        JsonNode status = admin.get("/web/admin/projections/" + ReadModels.ACCOUNTS).json();
                        seen.add(status);
                        JsonNode current = status.get("rebuild");
                        phase.set(current.get("id").asLong() == rebuild ? current.get("state").asText() : "before");
                        return phase.get().equals("FINISHED");
                    });
            // members go on after the switch, on the tables built beside the old ones
            int servedBefore = phasesServed.size();
            await("members served after the switch").atMost(Duration.ofSeconds(30))
                    .until(() -> phasesServed.size() >= servedBefore + 2 * CLIENTS);
        } finally {
            going.set(false);
            for (Thread client : clients) {
                client.join();
            }
        }

        assertThat(failures).isEmpty();
        assertThat(phasesServed).as("logins and refreshes served while the copy was being built")
                .contains("BUILDING", "FINISHED");
        // while it was built, the admin saw both: the live model, live and complete, and the copy's progress
        assertThat(seen).anySatisfy(status -> {
            assertThat(status.get("rebuild").get("state").asText()).isEqualTo("BUILDING");
            assertThat(status.get("replaying").asBoolean()).isFalse();
            assertThat(status.get("shadow").get("name").asText()).isEqualTo(ReadModels.ACCOUNTS + ".rebuild");
            assertThat(status.get("shadow").get("progress").asDouble()).isBetween(0.0, 1.0);
            assertThat(status.get("shadow").get("segments").size()).isEqualTo(2);
        });
        assertThat(seen).allSatisfy(status -> assertThat(status.get("replaying").asBoolean()).isFalse());
        JsonNode after = seen.get(seen.size() - 1);
        assertThat(after.get("shadow").isNull()).isTrue();
        assertThat(after.get("besideLive").asBoolean()).isTrue();

        // the rebuilt read model is the one it replaced, row for row, with its indexes under their names
        projections.awaitCaughtUp(ReadModels.ACCOUNTS);
        assertThat(accounts()).containsAll(accountsBefore);
        assertThat(indexes()).isEqualTo(indexesBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '%accounts'").query(Long.class)
                .single()).as("no copy or retired schema left").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name = :name")
                .param("name", ReadModels.ACCOUNTS + ".rebuild").query(Long.class).single()).isZero();
        // and it serves what is written after the switch
        Member newcomer = Members.register(port, "After");
        assertThat(newcomer.me().get("username").asText()).isEqualTo(newcomer.username());
    }

    /**
     * Each node takes part in a group's latest rebuild only: an earlier one that finished in the last minute used to
     * stop the next one's processor at every poll, so a second rebuild right after the first stood still for most of
     * a minute.
     */
    @Test
    void aRebuildRightAfterAnotherOfTheSameGroupIsNotHeldBackByIt() {
        ApiClient admin = Staff.admin(port);
        Members.register(port, "Twice");
        for (int round = 0; round < 2; round++) {
            var requested = admin.post("/web/admin/projections/" + ReadModels.ACCOUNTS + "/rebuild", "");
            assertThat(requested.status()).as(requested.text()).isEqualTo(202);
            long rebuild = requested.json().get("id").asLong();
            await("rebuild " + (round + 1) + " of accounts switching over").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> admin.get("/web/admin/projections/" + ReadModels.ACCOUNTS).json().get("rebuild"),
                            current -> current.get("id").asLong() == rebuild
                                    && current.get("state").asText().equals("FINISHED"));
        }
    }

    /** A login as a fresh client, then two renewals of its tokens; true if all three succeeded. */
    private boolean logInAndRefresh(Member member, List<String> failures) {
        ApiClient client = new ApiClient(port);
        var login = client.post("/web/login", Map.of("email", member.email(), "password", Members.PASSWORD));
        if (login.status() != 200) {
            failures.add("login of " + member.username() + ": " + login.status() + " " + login.text());
            return false;
        }
        for (int i = 0; i < 2; i++) {
            var refreshed = client.post("/web/refresh", "");
            if (refreshed.status() != 200 || refreshed.json().get("accessToken").asText().isBlank()) {
                failures.add("refresh of " + member.username() + ": " + refreshed.status() + " " + refreshed.text());
                return false;
            }
        }
        return true;
    }

    private List<Map<String, Object>> accounts() {
        return jdbc.sql("SELECT * FROM accounts ORDER BY profile_id").query().listOfRows();
    }

    private List<String> indexes() {
        return jdbc.sql("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'accounts'"
                + " ORDER BY indexname").query(String.class).list();
    }
}
