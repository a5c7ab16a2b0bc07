package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * Staff hid the post after a report: it is gone from walls, feeds and comment threads for every member, as a deleted
 * one is, while its history stays for auditors and the report keeps what was reported.
 */
@Revision("1")
public record PostHidden(UUID postId, UUID wallProfileId, UUID reportId, UUID hiddenBy) {
}
