package org.bunnybook.web.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The log lines of a request carry the correlation id its commands and events carry. */
@BunnybookTest
@ExtendWith(OutputCaptureExtension.class)
class LogCorrelationTest {

    @LocalServerPort
    int port;

    @Autowired
    LoggingSystem logging;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void quietAgain() {
        logging.setLogLevel(CorrelationIdLogging.class.getName(), null);
    }

    @Test
    void aRequestsLogLineNamesTheCorrelationIdOfTheEventsItCaused(CapturedOutput output) throws Exception {
        logging.setLogLevel(CorrelationIdLogging.class.getName(), LogLevel.DEBUG);
        Members.Member member = Members.register(port, "Logged");

        String metaData = jdbc.sql("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry"
                        + " WHERE aggregate_identifier = :id AND sequence_number = 0")
                .param("id", member.id().toString()).query(String.class).single();
        String correlationId = new ObjectMapper().readTree(metaData).get("correlationId").asText();
        Matcher line = Pattern.compile("\\[([0-9a-f-]{36})[^]]*].*POST /web/register answered 201")
                .matcher(output.getOut());
        assertThat(line.find()).as(output.getOut()).isTrue();
        assertThat(line.group(1)).isEqualTo(correlationId);
    }
}
