package org.bunnybook.web.security;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.session.FindRevokedSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sessions this node refuses access tokens of: an in-memory set, so the check every request makes is one hash
 * lookup. It is fed from PostgreSQL's {@code revoked_sessions}, which the {@code Session} aggregate writes in the
 * transaction of its revocation, polled every {@value #POLL_MILLIS} ms: PostgreSQL is the source of truth, the poll
 * is one index range scan over the revocations of the last seconds, and it keeps working when Redis is down, which
 * a Redis pub/sub feed would not (a message published while a node's subscription is broken is lost for good, and a
 * poll would be needed behind it anyway). With the poll alone every node learns of a revocation within a quarter of
 * a second, inside the one second promised; the node that revokes knows at once ({@link #revoked}).
 *
 * <p>Each poll looks back {@link #LOOKBACK} (and further if polls failed meanwhile): a revocation whose transaction
 * commits later than that after its timestamp would be missed by the other nodes; transactions are far shorter.
 * Only sessions revoked within the last access-token lifetime matter: any older one's access tokens have expired.
 * New revocations are published as {@link SessionsEnded}, so that this node closes their WebSocket connections.
 * The poll has a thread of its own: on the shared scheduler it could wait behind dead-letter retries or Redis
 * health checks stuck on a Redis that is down, and the second would no longer hold.
 */
@Component
public class RevocationList implements InitializingBean, DisposableBean {

    static final long POLL_MILLIS = 250;
    private static final Duration LOOKBACK = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(RevocationList.class);

    private final QueryGateway queries;
    private final ApplicationEventPublisher events;
    private final Duration remembered;
    /** Session id → when this node learnt of it (System.nanoTime), to forget it once its tokens have expired. */
    private final Map<UUID, Long> revoked = new ConcurrentHashMap<>();
    private volatile long lastPoll;
    private volatile boolean loaded;
    private long lastPrune = System.nanoTime();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "revocation-poll");
        thread.setDaemon(true);
        return thread;
    });

    RevocationList(QueryGateway queries, ApplicationEventPublisher events, JwtProperties jwt) {
        this.queries = queries;
        this.events = events;
        this.remembered = jwt.accessLifetime().plus(LOOKBACK);
    }

    /** Whether access tokens of this session are refused. */
    public boolean isRevoked(UUID sessionId) {
        return revoked.containsKey(sessionId);
    }

    /** This node has just revoked the session (the command has committed): no need to wait for the next poll. */
    public void revoked(UUID sessionId) {
        learn(Set.of(sessionId));
    }

    @Override
    public void afterPropertiesSet() {
        poller.scheduleWithFixedDelay(this::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops polling as soon as the application begins to close: the query handlers it asks are gone before this bean
     * is, and every poll in between would warn of PostgreSQL not answering.
     */
    @EventListener(ContextClosedEvent.class)
    void stopPolling() {
        poller.shutdownNow();
    }

    /** And in any case when this bean goes (a start that failed closes no context). */
    @Override
    public void destroy() {
        poller.shutdownNow();
    }

    void poll() {
        long started = System.nanoTime();
        Duration lookback = loaded ? LOOKBACK.plusNanos(started - lastPoll) : remembered;
        try {
            learn(queries.query(new FindRevokedSessions(lookback), ResponseTypes.multipleInstancesOf(UUID.class))
                    .join());
            lastPoll = started;
            loaded = true;
        } catch (RuntimeException e) {
            if (loaded && !poller.isShutdown()) {
                log.warn("Cannot read revoked sessions; refusing the ones known until PostgreSQL answers: {}",
                        e.toString());
            } else {
                log.debug("revoked sessions not readable yet (starting up): {}", e.toString());
            }
        }
        try {
            forgetExpired(started);
        } catch (RuntimeException e) {
            log.debug("Old revocations stay until the next try", e); // never let one failure end the poll
        }
    }

    private void learn(Iterable<UUID> sessionIds) {
        Set<UUID> news = new HashSet<>();
        long now = System.nanoTime();
        for (UUID sessionId : sessionIds) {
            if (revoked.putIfAbsent(sessionId, now) == null) {
                news.add(sessionId);
            }
        }
        if (!news.isEmpty()) {
            events.publishEvent(new SessionsEnded(news));
        }
    }

    /** Once a minute: drops what no access token can still name (the command side forgets its old rows itself). */
    private void forgetExpired(long now) {
        if (now - lastPrune < Duration.ofMinutes(1).toNanos()) {
            return;
        }
        lastPrune = now;
        revoked.values().removeIf(learnt -> now - learnt > remembered.toNanos());
    }

    /** Sessions this node has just learnt were revoked. */
    public record SessionsEnded(Set<UUID> sessionIds) {
    }
}
