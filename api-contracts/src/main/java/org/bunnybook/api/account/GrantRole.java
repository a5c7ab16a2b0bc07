package org.bunnybook.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Gives a member a role, replacing the one held before. */
@ReflectedIn(ReadModels.ACCOUNTS)
public record GrantRole(@TargetAggregateIdentifier UUID profileId, Role role) {
}
