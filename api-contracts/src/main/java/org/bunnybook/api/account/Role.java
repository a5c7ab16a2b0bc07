package org.bunnybook.api.account;

/** What a member may do beyond being a member: auditors read the history, admins also operate the system. */
public enum Role {
    USER,
    AUDITOR,
    ADMIN
}
