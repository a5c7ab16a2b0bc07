package org.bunnybook.command.account;

import java.util.List;
import java.util.UUID;

/**
 * Who holds ADMIN, as the command side records it: "at least one admin" is a rule about a set, which no one account
 * can check alone. {@link Account} decides with it and keeps it up to date in the transaction of its
 * {@code RoleGranted} event.
 */
interface AdminRoster {

    /** Every admin, locked until the command's transaction ends: concurrent role changes are decided one by one. */
    List<UUID> lockAll();

    void add(UUID profileId);

    void remove(UUID profileId);
}
