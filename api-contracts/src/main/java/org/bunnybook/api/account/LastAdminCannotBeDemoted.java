package org.bunnybook.api.account;

/** A role change refused: it would leave the network without any admin to operate it. */
public class LastAdminCannotBeDemoted extends RuntimeException {
    public LastAdminCannotBeDemoted() {
        super("the last admin cannot give up the ADMIN role: make another member an admin first");
    }
}
