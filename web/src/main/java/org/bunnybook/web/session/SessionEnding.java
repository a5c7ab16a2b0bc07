package org.bunnybook.web.session;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.session.FindSessionsOfMember;
import org.bunnybook.api.session.RevocationReason;
import org.bunnybook.api.session.RevokeSession;
import org.bunnybook.api.session.SessionView;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.security.JwtProperties;
import org.bunnybook.web.security.RevocationList;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Ends sessions, one {@code RevokeSession} command each (so each ending is an event with its reason and origin), and
 * tells this node's {@link RevocationList} at once; the other nodes learn it from PostgreSQL within a second. A
 * member's sessions are those the {@code sessions} read model lists: a login is listed before it answers
 * ({@code StartSession} is reflected in it), so every session a token was handed out for is found.
 */
@Component
public class SessionEnding {

    private final ReadYourWrites commands;
    private final QueryGateway queries;
    private final RevocationList revocations;
    private final JwtProperties jwt;
    private final Clock clock;

    SessionEnding(ReadYourWrites commands, QueryGateway queries, RevocationList revocations, JwtProperties jwt,
                  Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.revocations = revocations;
        this.jwt = jwt;
        this.clock = clock;
    }

    /** The member's sessions that have not ended and can still be refreshed, most recently used first. */
    public List<SessionView> sessionsOf(UUID profileId) {
        Instant now = clock.instant();
        return queries.query(new FindSessionsOfMember(profileId, now.minus(jwt.refreshLifetime()),
                        now.minus(jwt.absoluteSessionLifetime())),
                ResponseTypes.multipleInstancesOf(SessionView.class)).join();
    }

    /** Ends every session of the member but {@code keep} (if any); answers how many ended. */
    public int endAll(UUID profileId, RevocationReason reason, Optional<UUID> keep) {
        List<UUID> ending = sessionsOf(profileId).stream().map(SessionView::sessionId)
                .filter(id -> keep.map(kept -> !kept.equals(id)).orElse(true))
                .toList();
        ending.forEach(id -> end(id, reason));
        return ending.size();
    }

    public void end(UUID sessionId, RevocationReason reason) {
        try {
            commands.send(new RevokeSession(sessionId, reason));
        } catch (AggregateNotFoundException e) {
            return; // no such session: nothing to end
        }
        revocations.revoked(sessionId);
    }
}
