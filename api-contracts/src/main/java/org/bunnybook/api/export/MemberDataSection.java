package org.bunnybook.api.export;

/** A part of what a member's data export holds, one JSON file each in the zip (docs/http-api.md, "Your data"). */
public enum MemberDataSection {
    /** The account: id, username, email, role, when registered (never the password's hash). */
    PROFILE("profile.json"),
    /** Posts the member wrote, on any wall, and posts others wrote on the member's wall. */
    POSTS("posts.json"),
    /** Comments the member wrote. */
    COMMENTS("comments.json"),
    /** Posts the member likes. */
    LIKES("likes.json"),
    /** The member's friends and since when. */
    FRIENDS("friends.json"),
    /** Every message of the member's conversations, sent and received. */
    MESSAGES("messages.json"),
    /** The member's notifications with what they marked on them. */
    NOTIFICATIONS("notifications.json"),
    /** Every session of the member, ended ones too: the device it signed in with, where it was last used from. */
    SESSIONS("sessions.json"),
    /** The members the member blocks, and since when. */
    BLOCKS("blocked.json"),
    /** The reports the member filed, with the answer they were given. */
    REPORTS("reports.json");

    private final String fileName;

    MemberDataSection(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}
