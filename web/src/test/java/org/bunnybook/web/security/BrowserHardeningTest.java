package org.bunnybook.web.security;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer tells the browser how to protect the member: no inline script, no framing, no sniffing, no referrer to
 * other sites, no hardware; HTTPS pinned where the application is reached over HTTPS. And an audit read, which records
 * who consulted what, is not made by a link followed from another site.
 */
@BunnybookTest
class BrowserHardeningTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void pagesAndAnswersCarryTheProtectiveHeaders() {
        for (String path : new String[]{"/", "/web/profiles?username_query=bun", "/web/no-such-route"}) {
            ApiClient.Response response = new ApiClient(port).get(path);
            assertThat(response.header("Content-Security-Policy")).as(path)
                    .contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
            assertThat(response.header("Permissions-Policy")).as(path).contains("camera=()", "geolocation=()");
            assertThat(response.header("Strict-Transport-Security")).as("plain HTTP: nothing to pin").isNull();
        }
        ApiClient.Response behindTls = new ApiClient(port).send("GET", "/", BodyPublishers.noBody(),
                Map.of("X-Forwarded-Proto", "https"));
        assertThat(behindTls.header("Strict-Transport-Security")).contains("max-age=31536000", "includeSubDomains");
    }

    @Test
    void anAuditReadIsNotMadeByALinkFromAnotherSite() {
        Member auditor = Staff.auditor(port);
        Member subject = Members.register(port, "Consulted");
        ApiClient browser = new ApiClient(port).cookie("access_token",
                auditor.client().cookies().get("access_token"));
        String path = "/web/audit/aggregates/" + subject.id() + "/events";
        long before = consultations(auditor);

        for (String site : new String[]{"cross-site", "same-site"}) {
            assertThat(browser.send("GET", path, BodyPublishers.noBody(), Map.of("Sec-Fetch-Site", site)).status())
                    .as(site).isEqualTo(403);
        }
        assertThat(consultations(auditor)).as("nothing recorded").isEqualTo(before);

        assertThat(browser.send("GET", path, BodyPublishers.noBody(), Map.of("Sec-Fetch-Site", "same-origin"))
                .status()).isEqualTo(200);
        assertThat(browser.send("GET", path, BodyPublishers.noBody(), Map.of("Sec-Fetch-Site", "none"))
                .status()).as("typed in by the auditor").isEqualTo(200);
        assertThat(auditor.client().send("GET", path, BodyPublishers.noBody(), Map.of("Sec-Fetch-Site", "cross-site"))
                .status()).as("a bearer token is never sent by a browser on its own").isEqualTo(200);
    }

    private long consultations(Member auditor) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE payload_type = 'org.bunnybook.api.audit.AuditLogConsulted'
                          AND convert_from(payload, 'UTF8') LIKE :actor""")
                .param("actor", "%" + auditor.id() + "%")
                .query(Long.class).single();
    }
}
