package org.bunnybook.web.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** The part of a client's address that a budget is kept for. */
final class ClientAddress {

    private static final int IPV6_NETWORK_BYTES = 8;

    private ClientAddress() {
    }

    /**
     * An IPv4 address as it is; an IPv6 address by its /64 network, which one subscriber usually holds whole (a
     * client could otherwise take a fresh address, and a fresh budget, for every request).
     */
    static String of(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return String.valueOf(remoteAddress);
        }
        try {
            // a literal (it has a colon, so it is no host name): parsed without asking DNS
            InetAddress address = InetAddress.getByName(remoteAddress);
            if (address instanceof Inet6Address) {
                byte[] network = new byte[IPV6_NETWORK_BYTES];
                System.arraycopy(address.getAddress(), 0, network, 0, IPV6_NETWORK_BYTES);
                return HexFormat.of().formatHex(network) + "::/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return remoteAddress;
        }
    }
}
