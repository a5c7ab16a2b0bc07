package org.bunnybook.web.consistency;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a command request returns, the read models it named already hold its effect, although they are built
 * asynchronously: checked straight in the read model's table, the moment the response arrives.
 */
@BunnybookTest
class ReadYourWritesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theAccountsReadModelHoldsEveryRegistrationByTheTimeItIsAcknowledged() {
        ApiClient client = new ApiClient(port);
        for (int i = 0; i < 25; i++) {
            String username = Members.uniqueName("Ryw");
            var response = client.post("/web/register", Map.of("username", username,
                    "email", username + "@ryw.test", "password", Members.PASSWORD));
            assertThat(response.status()).isEqualTo(201);
            UUID id = UUID.fromString(response.json().get("id").asText());
            assertThat(jdbc.sql("SELECT count(*) FROM accounts WHERE profile_id = :id").param("id", id)
                    .query(Long.class).single()).as("registration %d", i).isEqualTo(1);
        }
    }

    @Test
    void theAccountsTokenHasPassedTheCommandsEventsWhenTheResponseArrives() {
        var member = Members.register(port, "Token");
        long position = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", member.id().toString()).query(Long.class).single();
        // the segment that handles this account must have stored a token at or past the event
        Long passed = jdbc.sql("""
                        SELECT count(*) FROM token_entry WHERE processor_name = 'accounts'
                        AND (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint >= :position""")
                .param("position", position).query(Long.class).single();
        assertThat(passed).isPositive();
    }
}
