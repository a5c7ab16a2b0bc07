package org.bunnybook.api.report;

import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;

import java.util.UUID;

/**
 * What was reported, as the reporter saw it when reporting: the evidence staff judge, kept even if the subject is
 * later hidden, edited or deleted. {@code parentId} is the post of a comment and the conversation of a message (what
 * hiding it addresses), null otherwise; {@code content} is the text (a profile's: its username).
 */
public record ReportedSubject(SubjectType type, UUID id, UUID parentId, UUID authorId,
                              @PersonalData(subject = "authorId", erasedAs = Erased.MEMBER) String authorUsername,
                              @PersonalData(subject = "authorId") String content) {
}
