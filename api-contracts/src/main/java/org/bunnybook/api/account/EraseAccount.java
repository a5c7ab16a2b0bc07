package org.bunnybook.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/**
 * Erases a member's account (the web checked their password): their key is shredded and every read model forgets
 * them. Answered once every read model that held their data has scrubbed it.
 */
@ReflectedIn({ReadModels.ACCOUNTS, ReadModels.AVATARS, ReadModels.SOCIAL_GRAPH, ReadModels.FRIENDSHIPS,
        ReadModels.WALLS, ReadModels.NOTIFICATIONS, ReadModels.CONVERSATIONS,
        ReadModels.SESSIONS, ReadModels.LEADERBOARD})
public record EraseAccount(@TargetAggregateIdentifier UUID profileId) {
}
