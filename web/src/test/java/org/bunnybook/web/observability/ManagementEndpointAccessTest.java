package org.bunnybook.web.observability;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read the metrics, in the configurations the test application does not run: the actuator on its own port
 * (a server's default) and on the public port outside one's own machine.
 */
class ManagementEndpointAccessTest {

    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("key", "anonymous",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    private static final Authentication MEMBER = UsernamePasswordAuthenticationToken.authenticated("member", null,
            AuthorityUtils.createAuthorityList("ROLE_MEMBER"));
    private static final Authentication ADMIN = UsernamePasswordAuthenticationToken.authenticated("chief", null,
            AuthorityUtils.createAuthorityList("ROLE_MEMBER", "ROLE_ADMIN"));

    @Test
    void onItsOwnPortTheActuatorIsOpenToWhoeverReachesThePort() {
        ManagementEndpointAccess access = new ManagementEndpointAccess(new MockEnvironment()
                .withProperty("server.port", "8080").withProperty("management.server.port", "8081"));
        assertThat(granted(access, ANONYMOUS)).isTrue();
    }

    @Test
    void onThePublicPortOnlyAdministratorsReadIt() {
        ManagementEndpointAccess access = new ManagementEndpointAccess(new MockEnvironment()
                .withProperty("server.port", "8080"));
        assertThat(granted(access, ANONYMOUS)).isFalse();
        assertThat(granted(access, MEMBER)).isFalse();
        assertThat(granted(access, ADMIN)).isTrue();
    }

    @Test
    void onThePublicPortOfOnesOwnMachineItIsOpen() {
        ManagementEndpointAccess access = new ManagementEndpointAccess(new MockEnvironment()
                .withProperty("server.port", "8080").withProperty("bunnybook.management.open-on-public-port", "true"));
        assertThat(granted(access, ANONYMOUS)).isTrue();
    }

    private static boolean granted(ManagementEndpointAccess access, Authentication who) {
        return access.check(() -> who, new RequestAuthorizationContext(new MockHttpServletRequest())).isGranted();
    }
}
