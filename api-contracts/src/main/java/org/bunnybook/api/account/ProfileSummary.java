package org.bunnybook.api.account;

import java.util.UUID;

/** The public face of a member: what anyone may see. */
public record ProfileSummary(UUID id, String username) {
}
