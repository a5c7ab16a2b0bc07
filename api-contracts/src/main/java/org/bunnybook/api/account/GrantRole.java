package org.bunnybook.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Gives a member a role, replacing the one held before. */
public record GrantRole(@TargetAggregateIdentifier UUID profileId, Role role) {
}
