package org.bunnybook.api.account;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.Sensitive;

import java.util.UUID;

@Revision("1")
public record PasswordChanged(UUID profileId, @Sensitive String passwordHash) {
}
