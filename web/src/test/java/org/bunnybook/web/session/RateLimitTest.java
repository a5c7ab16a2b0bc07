package org.bunnybook.web.session;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@BunnybookTest
class RateLimitTest {

    @LocalServerPort
    int port;

    @Value("${bunnybook.rate-limit.login-per-minute}")
    int loginsPerMinute;

    @Test
    void oneClientAddressMayOnlyTryToLogInSoOftenAMinute() throws InterruptedException {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 45_000) {
            Thread.sleep(60_000 - intoMinute + 100); // limits count per clock minute: start all attempts in one
        }
        ApiClient client = new ApiClient(port);
        Map<String, String> attempt = Map.of("email", "guess@bunnybook.test", "password", "guessing-1");
        for (int i = 0; i < loginsPerMinute; i++) {
            assertThat(client.post("/web/login", attempt).status()).isEqualTo(401);
        }
        var limited = client.post("/web/login", attempt);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("detail").asText()).isEqualTo("Too Many Requests");
        // another address is unaffected
        assertThat(new ApiClient(port).post("/web/login", attempt).status()).isEqualTo(401);
    }
}
