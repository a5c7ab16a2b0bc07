package org.bunnybook.api.account;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record RoleGranted(UUID profileId, Role role, Role previousRole) {
}
