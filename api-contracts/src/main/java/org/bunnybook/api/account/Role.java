package org.bunnybook.api.account;

/**
 * What a member may do beyond being a member: auditors read the history, moderators work the moderation queue (reports,
 * hiding what was reported, answering reporters), admins do all of that and also operate the system.
 */
public enum Role {
    USER,
    AUDITOR,
    MODERATOR,
    ADMIN
}
