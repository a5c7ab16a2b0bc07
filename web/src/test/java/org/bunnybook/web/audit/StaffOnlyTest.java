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

    /** Every endpoint, and what the staff allowed in get: 404 where it names something that does not exist. */
    private static final Map<String, Integer> AUDIT = Map.of(
            "GET /web/audit/events", 200,
            "GET /web/audit/aggregates/some-aggregate/events", 404,
            "GET /web/audit/aggregates/some-aggregate/state", 404,
            "GET /web/audit/export", 200,
            "GET /web/audit/catalog", 200,
            "GET /web/audit/checkpoints", 200,
            "POST /web/audit/checkpoints", 201,
            "GET /web/audit/checkpoints/latest", 200,
            "POST /web/audit/verify", 202, // or 409 while another test's verification runs
            "GET /web/audit/verify/00000000-0000-0000-0000-000000000000", 404);

    private static final Map<String, Integer> ADMIN = Map.of(
            "GET /web/admin/projections", 200,
            "GET /web/admin/projections/walls", 200,
            "POST /web/admin/projections/walls/rebuild", 202,
            "DELETE /web/admin/projections/walls/rebuild", 404,
            "GET /web/admin/projections/walls/dead-letters", 200,
            "POST /web/admin/projections/walls/dead-letters/retry", 200,
            "POST /web/admin/projections/walls/dead-letters/some-sequence/retry", 404,
            "DELETE /web/admin/projections/walls/dead-letters/some-sequence", 404);

    @LocalServerPort
    int port;

    @Test
    void anonymousVisitorsAre401AndMembers403OnEveryAuditAndAdminEndpoint() {
        Member member = Members.register(port, "Nosy");
        for (String endpoint : concat(AUDIT.keySet(), ADMIN.keySet())) {
            assertThat(call(new ApiClient(port), endpoint)).as(endpoint).isEqualTo(401);
            assertThat(call(member.client(), endpoint)).as(endpoint).isEqualTo(403);
        }
    }

    @Test
    void auditorsReadTheHistoryButDoNotOperateProjections() {
        ApiClient auditor = Staff.auditor(port).client();
        AUDIT.forEach((endpoint, status) -> assertThat(call(auditor, endpoint)).as(endpoint).isIn(allowed(status)));
        for (String endpoint : ADMIN.keySet()) {
            assertThat(call(auditor, endpoint)).as(endpoint).isEqualTo(403);
        }
    }

    @Test
    void adminsReachBoth() {
        ApiClient admin = Staff.admin(port);
        AUDIT.forEach((endpoint, status) -> assertThat(call(admin, endpoint)).as(endpoint).isIn(allowed(status)));
        // starting a rebuild is left out (it would rebuild the walls under other tests; ProjectionOperationsTest)
        ADMIN.forEach((endpoint, status) -> {
            if (!endpoint.equals("POST /web/admin/projections/walls/rebuild")) {
                assertThat(call(admin, endpoint)).as(endpoint).isEqualTo(status);
            }
        });
    }

    /** A verification started is 202; one already running (another's, or the auditor's a moment ago) 409. */
    private static List<Integer> allowed(int status) {
        return status == 202 ? List.of(202, 409) : List.of(status);
    }

    private static int call(ApiClient client, String endpoint) {
        String[] parts = endpoint.split(" ");
        return client.send(parts[0], parts[1], BodyPublishers.ofString("{}"),
                Map.of("Content-Type", "application/json")).status();
    }

    private static List<String> concat(java.util.Collection<String> one, java.util.Collection<String> other) {
        return java.util.stream.Stream.concat(one.stream(), other.stream()).toList();
    }
}
