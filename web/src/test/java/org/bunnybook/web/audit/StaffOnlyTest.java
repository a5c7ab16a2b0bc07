package org.bunnybook.web.audit;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit API is for auditors and admins, the projection operations for admins: nobody else gets in. */
@BunnybookTest
class StaffOnlyTest {

    private static final List<String> AUDIT = List.of(
            "GET /web/audit/events",
            "GET /web/audit/aggregates/some-aggregate/events",
            "GET /web/audit/aggregates/some-aggregate/state",
            "GET /web/audit/export",
            "GET /web/audit/catalog",
            "GET /web/audit/checkpoints",
            "POST /web/audit/verify");

    private static final List<String> ADMIN = List.of(
            "GET /web/admin/projections",
            "GET /web/admin/projections/walls",
            "POST /web/admin/projections/walls/rebuild",
            "GET /web/admin/projections/walls/dead-letters",
            "POST /web/admin/projections/walls/dead-letters/retry",
            "POST /web/admin/projections/walls/dead-letters/some-sequence/retry",
            "DELETE /web/admin/projections/walls/dead-letters/some-sequence");

    @LocalServerPort
    int port;

    @Test
    void anonymousVisitorsAre401AndMembers403OnEveryAuditAndAdminEndpoint() {
        Member member = Members.register(port, "Nosy");
        for (String endpoint : concat(AUDIT, ADMIN)) {
            assertThat(call(new ApiClient(port), endpoint)).as(endpoint).isEqualTo(401);
            assertThat(call(member.client(), endpoint)).as(endpoint).isEqualTo(403);
        }
    }

    @Test
    void auditorsReadTheHistoryButDoNotOperateProjections() {
        ApiClient auditor = Staff.auditor(port).client();
        for (String endpoint : AUDIT) {
            assertThat(call(auditor, endpoint)).as(endpoint).isIn(200, 404);
        }
        for (String endpoint : ADMIN) {
            assertThat(call(auditor, endpoint)).as(endpoint).isEqualTo(403);
        }
    }

    @Test
    void adminsReachBoth() {
        ApiClient admin = Staff.admin(port);
        for (String endpoint : AUDIT) {
            assertThat(call(admin, endpoint)).as(endpoint).isIn(200, 404);
        }
        // a rebuild is left out: it would rebuild the walls under the other tests
        for (String endpoint : ADMIN.stream().filter(endpoint -> !endpoint.endsWith("/rebuild")).toList()) {
            assertThat(call(admin, endpoint)).as(endpoint).isIn(200, 404);
        }
    }

    private static int call(ApiClient client, String endpoint) {
        String[] parts = endpoint.split(" ");
        return client.send(parts[0], parts[1], BodyPublishers.ofString("{}"),
                Map.of("Content-Type", "application/json")).status();
    }

    private static List<String> concat(List<String> one, List<String> other) {
        return java.util.stream.Stream.concat(one.stream(), other.stream()).toList();
    }
}
