package org.bunnybook.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/**
 * Opens a new member account. The password arrives already hashed: plain passwords never travel on the bus
 * nor reach the event store.
 */
@ReflectedIn({ReadModels.ACCOUNTS, ReadModels.AVATARS})
public record RegisterAccount(
        @TargetAggregateIdentifier UUID profileId,
        String username,
        String email,
        String passwordHash,
        String avatarIdentifier) {
}
