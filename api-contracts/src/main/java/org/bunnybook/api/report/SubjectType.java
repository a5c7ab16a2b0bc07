package org.bunnybook.api.report;

/** What a member can report: a post, a comment, a chat message or a member's profile. */
public enum SubjectType {
    POST, COMMENT, MESSAGE, PROFILE
}
