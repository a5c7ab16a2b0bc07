package org.bunnybook.web.session;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@BunnybookTest
class RateLimitTest {

    @LocalServerPort
    int port;

    @Value("${bunnybook.rate-limit.login-per-minute}")
    int loginsPerMinute;

    /** The clock the rate limiter reads its minutes from. */
    @Autowired
    Clock clock;

    @Test
    void oneClientAddressMayOnlyTryToLogInSoOftenAMinute() {
        Map<String, String> attempt = Map.of("email", "guess@bunnybook.test", "password", "guessing-1");
        // Limits count per clock minute: attempts that straddle the turn of a minute are counted in two windows and
        // prove nothing, so they are made again from a fresh address. A round takes well under a minute, so the
        // next round cannot straddle a turn as well.
        List<ApiClient.Response> answers;
        long minute;
        do {
            minute = minuteNow();
            ApiClient client = new ApiClient(port);
            answers = new ArrayList<>();
            for (int i = 0; i <= loginsPerMinute; i++) {
                answers.add(client.post("/web/login", attempt));
            }
        } while (minuteNow() != minute);

        assertThat(answers.subList(0, loginsPerMinute))
                .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(401));
        var limited = answers.get(loginsPerMinute);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("detail").asText()).isEqualTo("Too Many Requests");
        // another address is unaffected
        assertThat(new ApiClient(port).post("/web/login", attempt).status()).isEqualTo(401);
    }

    private long minuteNow() {
        return clock.millis() / 60_000;
    }
}
