package org.bunnybook.web.error;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.LogLines;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that hangs up before its answer is no failure of the server's, and what it asked for still stands: sent
 * again under its idempotency key, it is answered with what was stored, once.
 */
@BunnybookTest
class HungUpClientTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPostWhoseClientHungUpIsStoredOnceAndNoErrorIsLogged() throws Exception {
        Member member = Members.register(port, "Hasty");
        String content = "said and gone " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Predicate<ILoggingEvent> anError = line -> line.getLevel().isGreaterOrEqual(Level.ERROR);
        LogLines serverLog = LogLines.all();
        LogLines handled = LogLines.of(ApiExceptionHandler.class, Level.DEBUG);
        try (serverLog; handled) {
            // the walls' projection waits behind the test's lock, and the request with it for read-your-writes,
            // while the client hangs up: its answer is written to a connection that is gone
            try (Connection lock = dataSource.getConnection()) {
                lock.setAutoCommit(false);
                try (Statement statement = lock.createStatement()) {
                    statement.execute("LOCK TABLE posts IN SHARE MODE");
                }
                try (Socket client = new Socket("localhost", port)) {
                    send(client, member.client().accessToken(), key, "{\"content\":\"" + content + "\"}");
                    await("the post stored, its projection waiting").atMost(Duration.ofSeconds(10))
                            .until(this::aPostProjectionWaitsForALock);
                    client.setSoLinger(true, 0); // closed with a reset, as a client that goes away
                }
                lock.commit();
            }
            await("the answer's write failing").atMost(Duration.ofSeconds(10))
                    .until(() -> !handled.lines().isEmpty() || serverLog.lines().stream().anyMatch(anError));
        }
        assertThat(serverLog.lines()).as("a client that went away is no error").noneMatch(anError);
        assertThat(handled.lines()).anyMatch(line -> line.getLevel() == Level.DEBUG
                && line.getFormattedMessage().contains("went away"));
        assertThat(Posts.wholeWall(member, member)).as("the post stands").containsExactly(content);

        ApiClient.Response again = member.client().send("POST", "/web/posts",
                BodyPublishers.ofString("{\"content\":\"" + content + "\"}"),
                Map.of("Content-Type", "application/json", "Idempotency-Key", key));
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.json().get("content").asText()).isEqualTo(content);
        assertThat(Posts.wholeWall(member, member)).as("stored once").containsExactly(content);
    }

    private boolean aPostProjectionWaitsForALock() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND query LIKE '%INSERT INTO posts%'").query(Long.class).single() > 0;
    }

    private static void send(Socket client, String accessToken, String key, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(("POST /web/posts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + accessToken
                + "\r\nIdempotency-Key: " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }
}
