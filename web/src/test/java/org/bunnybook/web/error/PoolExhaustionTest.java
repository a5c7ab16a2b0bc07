package org.bunnybook.web.error;

import ch.qos.logback.classic.Level;
import org.bunnybook.platform.privacy.MemberKeys;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.LogLines;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request that finds no PostgreSQL connection free within the pool's wait (every one held, as under a burst the
 * server cannot keep up with) is told to retry shortly, a 503 with a body that says so, whatever it asked; and once
 * connections are free again the same requests are served. Meanwhile the server logs warnings, not errors: it is
 * busy, not broken; and the read models keep up, their processors reading on connections of their own, as the node's
 * look for erased members' keys does.
 */
@BunnybookTest
class PoolExhaustionTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    MemberKeys memberKeys;

    @Test
    void requestsFindingNoConnectionAreToldToRetryAndAreServedOnceThereIsOne() throws SQLException {
        Member member = Members.register(port, "Patient");
        Map<String, String> registration = registration(Members.uniqueName("Late"));
        List<Connection> held = new ArrayList<>();
        LogLines serverLog = LogLines.all();
        try (serverLog) {
            takeEveryConnection(held);
            ApiClient.Response registered = new ApiClient(port).post("/web/register", registration);
            assertThat(registered.status()).as(registered.text()).isEqualTo(503);
            assertThat(registered.json().get("detail").asText()).contains("try again");
            ApiClient.Response posted = member.client().post("/web/posts", Map.of("content", "anyone there?"));
            assertThat(posted.status()).as(posted.text()).isEqualTo(503);
            assertThat(posted.json().get("detail").asText()).contains("try again");
            // the node's look for members erased lately (every key-cache-ttl): not asked, it forgets every key
            memberKeys.forgetErased();
            // the rebuilds' coordinator asks every half second; its asks fail meanwhile, each said in one line
            await().atMost(Duration.ofSeconds(10)).until(() -> serverLog.lines().stream()
                    .anyMatch(event -> event.getLoggerName().endsWith("ProjectionRebuilds")
                            && event.getLevel() == Level.WARN));
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertThat(serverLog.lines()).as("a burst the pool cannot serve is no error of the server's")
                .noneMatch(event -> event.getLevel() == Level.ERROR);
        // the processors read the event store on connections of their own, polling every half second meanwhile:
        // had they waited for these, Axon would have backed them off, and the read models fallen behind
        assertThat(serverLog.lines()).as("the processors kept reading")
                .noneMatch(event -> event.getFormattedMessage().contains("Exception occurred while coordinating"));
        assertThat(serverLog.lines()).as("the node asked which members were erased, on the processors' connections")
                .noneMatch(event -> event.getLoggerName().endsWith("MemberKeys"));
        ApiClient.Response registered = new ApiClient(port).post("/web/register", registration);
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        assertThat(member.client().post("/web/posts", Map.of("content", "there you are")).status()).isEqualTo(201);
    }

    /**
     * A request holds one connection at a time: one that held its own while waiting for another (a new member's key
     * was once made in a transaction of its own) deadlocks the pool when a burst of them holds every connection.
     */
    @Test
    void aRegistrationAndAPostEachNeedOneConnection() throws SQLException {
        Member member = Members.register(port, "Frugal");
        Map<String, String> registration = registration(Members.uniqueName("Thrifty"));
        List<Connection> held = new ArrayList<>();
        try {
            takeEveryConnection(held);
            held.remove(held.size() - 1).close(); // one left for the request

            ApiClient.Response registered = new ApiClient(port).post("/web/register", registration);
            assertThat(registered.status()).as(registered.text()).isEqualTo(201);
            ApiClient.Response posted = member.client().post("/web/posts", Map.of("content", "one will do"));
            assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        ApiClient.Response loggedIn = new ApiClient(port).post("/web/login",
                Map.of("email", registration.get("email"), "password", Members.PASSWORD));
        assertThat(loggedIn.status()).as("the new member's data opens with the key made with it").isEqualTo(200);
    }

    private static Map<String, String> registration(String username) {
        return Map.of("username", username, "email", username.toLowerCase() + "@bunnybook.test",
                "password", Members.PASSWORD);
    }

    /** Takes connections from the pool until it has none to give within its wait, as a burst would. */
    private void takeEveryConnection(List<Connection> held) {
        while (true) {
            try {
                held.add(dataSource.getConnection());
            } catch (SQLException exhausted) {
                return;
            }
        }
    }
}
