package org.bunnybook.web.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    @Test
    void anIpv4AddressCountsAsItself() {
        assertThat(ClientAddress.of("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.of("::ffff:10.1.2.3")).as("IPv4 mapped into IPv6").isEqualTo("10.1.2.3");
    }

    @Test
    void anIpv6AddressCountsByItsSlash64() {
        assertThat(ClientAddress.of("2001:db8:1:2::1")).isEqualTo(ClientAddress.of("2001:db8:1:2:ffff::9"))
                .isEqualTo("20010db800010002::/64");
        assertThat(ClientAddress.of("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.of("2001:db8:1:2::1"));
    }
}
