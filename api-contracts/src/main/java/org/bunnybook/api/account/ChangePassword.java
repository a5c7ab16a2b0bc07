package org.bunnybook.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;
import org.bunnybook.api.Sensitive;

import java.util.UUID;

/** Replaces a member's password (the web checked the current one); {@code passwordHash} is the new BCrypt hash. */
@ReflectedIn(ReadModels.ACCOUNTS)
public record ChangePassword(@TargetAggregateIdentifier UUID profileId, @Sensitive String passwordHash) {
}
