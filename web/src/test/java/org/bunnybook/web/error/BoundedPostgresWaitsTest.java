package org.bunnybook.web.error;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests wait at most the bound for PostgreSQL: a member's, not staff's, nor a member's export or erasure. */
class BoundedPostgresWaitsTest {

    private final BoundedPostgresWaits bounded = new BoundedPostgresWaits(Duration.ofSeconds(10));

    @Test
    void membersRequestsAreBoundedStaffsAndAMembersExportAndErasureAreNot() {
        assertThat(bounded("POST", "/web/posts")).isTrue();
        assertThat(bounded("GET", "/web/feed")).isTrue();
        assertThat(bounded("GET", "/web/me")).isTrue();
        assertThat(bounded("GET", "/readyz")).isTrue();
        assertThat(bounded("DELETE", "/web/me")).isFalse();
        assertThat(bounded("GET", "/web/me/export")).isFalse();
        assertThat(bounded("GET", "/web/audit/events")).isFalse();
        assertThat(bounded("POST", "/web/admin/projections/walls/dead-letters/retry")).isFalse();
    }

    private boolean bounded(String method, String path) {
        return !bounded.shouldNotFilter(new MockHttpServletRequest(method, path));
    }
}
