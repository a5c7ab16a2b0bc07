package org.bunnybook.api.export;

import java.util.UUID;

/**
 * The next page of one section of a member's data, after {@code after} (null: from the start), at most
 * {@code limit} items. Paged so that an export of any size streams in bounded memory.
 */
public record ExportMemberData(UUID profileId, MemberDataSection section, String after, int limit) {
}
