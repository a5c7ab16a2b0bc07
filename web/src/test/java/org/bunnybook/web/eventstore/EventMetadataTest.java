package org.bunnybook.web.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The event store, read as an auditor with nothing but SQL would read it. */
@BunnybookTest
class EventMetadataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void payloadsAndMetadataAreReadableJsonNamingWhoAndWhy() throws Exception {
        var member = Members.register(port, "Kehaar");

        Map<String, Object> registered = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') AS payload, convert_from(meta_data, 'UTF8') AS meta_data,
                               payload_revision, type
                        FROM domain_event_entry WHERE aggregate_identifier = :id AND sequence_number = 0""")
                .param("id", member.id().toString())
                .query().singleRow();
        assertThat(registered.get("type")).isEqualTo("Account");
        assertThat(registered.get("payload_revision")).isEqualTo("1");
        JsonNode payload = JSON.readTree((String) registered.get("payload"));
        // personal data is stored sealed with the member's key (docs/privacy.md)
        assertThat(payload.get("username").asText()).startsWith("pd1:m:" + member.id() + ":");
        assertThat(payload.get("email").asText()).startsWith("pd1:t:" + member.id() + ":");
        assertThat(payload.toString()).doesNotContain(member.username(), member.email());

        JsonNode metaData = JSON.readTree((String) registered.get("meta_data"));
        assertThat(metaData.get("actor").asText()).isEqualTo(member.id().toString());
        assertThat(metaData.get("correlationId").asText()).isNotBlank();
        // caused directly by the RegisterAccount command, which the request's correlation id groups with the rest
        assertThat(metaData.get("causationId").asText()).isNotBlank()
                .isNotEqualTo(metaData.get("correlationId").asText());
        // the client's address is theirs too: sealed with their key, opened for the audit (docs/privacy.md)
        assertThat(metaData.get("clientAddress").asText()).startsWith("pd1:t:" + member.id() + ":");
        assertThat((String) registered.get("meta_data")).doesNotContain(member.client().clientAddress());
        JsonNode audited = Staff.auditor(port).client().get("/web/audit/aggregates/" + member.id() + "/events")
                .json().get(0);
        assertThat(audited.get("metadata").get("clientAddress").asText()).isEqualTo(member.client().clientAddress());

        // the login that followed was a separate request: its own correlation id, same actor
        List<String> sessionMetaData = jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                        WHERE payload_type = 'org.bunnybook.api.session.SessionStarted'
                          AND convert_from(payload, 'UTF8')::jsonb ->> 'profileId' = :id""")
                .param("id", member.id().toString())
                .query(String.class).list();
        assertThat(sessionMetaData).hasSize(1);
        JsonNode login = JSON.readTree(sessionMetaData.get(0));
        assertThat(login.get("actor").asText()).isEqualTo(member.id().toString());
        assertThat(login.get("correlationId").asText()).isNotEqualTo(metaData.get("correlationId").asText());
        assertThat(login.get("causationId").asText()).isNotEqualTo(metaData.get("causationId").asText());
    }

    @Test
    void noEventStoredSinceAddressesAreSealedHoldsOneInTheClear() {
        var member = Members.register(port, "Bigwig");
        Long plain = jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE global_index >= (SELECT min(global_index) FROM domain_event_entry
                                               WHERE aggregate_identifier = :id)
                          AND convert_from(meta_data, 'UTF8')::jsonb ->> 'clientAddress' NOT LIKE 'pd1:%'""")
                .param("id", member.id().toString())
                .query(Long.class).single();
        assertThat(plain).isZero();
    }

    @Test
    void everyEventInTheStoreCarriesItsOrigin() {
        Members.register(port, "Strawberry");
        Long missing = jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE NOT jsonb_exists_all(convert_from(meta_data, 'UTF8')::jsonb,
                                            array['actor','correlationId','causationId'])""")
                .query(Long.class).single();
        assertThat(missing).isZero();
    }
}
