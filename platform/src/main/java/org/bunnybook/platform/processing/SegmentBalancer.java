package org.bunnybook.platform.processing;

import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Spreads every processing group's segments over the live nodes, so that adding a node adds projection capacity.
 * Axon without Axon Server balances nothing: a processor claims every free segment, so the first node up held all
 * of them and the others idled. Here every node beats a heartbeat naming the groups it runs ({@link ClusterNodes});
 * from those all nodes agree on one owner for each segment: the group's running nodes in name order, taken round
 * robin from an offset that differs per group, so that single-segment groups spread over the nodes too. Each node
 * releases, for a few claim intervals, every segment it holds that belongs to another node, and that node claims it
 * at its next attempt. A node that dies stops beating and its claims time out: anyone claims its segments, and they
 * move on to their new owners by the same rule. Releasing between batches loses nothing: a segment's token is
 * stored with the batch it covers, and the next owner starts after it.
 *
 * <p>A processor whose coordination fails (PostgreSQL unreachable) is backed off by Axon for a time that doubles at
 * each failure, up to a minute: after an outage of half a minute it would sleep on for ten seconds or more once
 * PostgreSQL answered again, while the segments the others release to this node waited for it, three seconds of
 * every round (a member registered then could not log in in time), as would this node's own read models if it ran
 * alone. So for {@link #WAKING} after a round that failed, each round asks every processor in error to claim the
 * segments this node owns, which runs its coordination at once: the first asks may come before the processors' own
 * pool has its connections back. An outage the heartbeat does not see (the processors' pool alone) is left to Axon.
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    /** How long a node counts as live after its last heartbeat: the token store's claim timeout (10 s). */
    static final Duration LIVE_FOR = Duration.ofSeconds(10);
    /** Long enough for the owner's next claim attempt ({@link ProcessingConfiguration}: every second). */
    private static final Duration RELEASE_FOR = Duration.ofSeconds(3);
    /** How long after an outage processors in error are woken: time for every pool to have its connections again. */
    private static final Duration WAKING = Duration.ofSeconds(30);

    private final EventProcessingConfiguration processing;
    private final ClusterNodes nodes;
    private final NodeName thisNode;
    private final TokenStore tokens;
    /** Whether the last round failed, PostgreSQL not answering (rounds never overlap: fixed delay). */
    private boolean lastRoundFailed;
    /** Until when (System.nanoTime) processors in error are woken, once a round has succeeded after a failed one. */
    private long wakeUntil = System.nanoTime();

    SegmentBalancer(EventProcessingConfiguration processing, ClusterNodes nodes, NodeName thisNode,
                    TokenStore tokens) {
        this.processing = processing;
        this.nodes = nodes;
        this.thisNode = thisNode;
        this.tokens = tokens;
    }

    @Scheduled(fixedDelay = 2, initialDelay = 2, timeUnit = TimeUnit.SECONDS)
    void balance() {
        Map<String, StreamingEventProcessor> running = running();
        try {
            nodes.beat(thisNode.value(), running.keySet());
            List<ClusterNodes.Node> live = nodes.live(LIVE_FOR);
            if (lastRoundFailed) {
                lastRoundFailed = false;
                wakeUntil = System.nanoTime() + WAKING.toNanos();
                log.info("PostgreSQL answers again: processors Axon backed off meanwhile are woken");
            }
            if (System.nanoTime() - wakeUntil < 0) {
                running.forEach((group, processor) -> wakeIfInError(group, processor, live));
            }
            running.forEach((group, processor) -> releaseOthers(group, processor, live));
        } catch (RuntimeException e) {
            // PostgreSQL unreachable: segments stay where they are, which processes everything all the same
            lastRoundFailed = true;
            log.debug("segments not balanced this time: {}", e.getMessage());
        }
    }

    @PreDestroy
    void leave() {
        try {
            nodes.leave(thisNode.value());
        } catch (RuntimeException e) {
            log.debug("could not say goodbye; the others take over once this node's heartbeat is old", e);
        }
    }

    private void releaseOthers(String group, StreamingEventProcessor processor, List<ClusterNodes.Node> live) {
        List<String> runningIt = runningIt(group, live);
        if (!runningIt.contains(thisNode.value())) {
            return; // this node has not been seen running it yet: nothing to go by
        }
        for (int segment : Set.copyOf(processor.processingStatus().keySet())) {
            String owner = owner(group, segment, runningIt);
            if (!owner.equals(thisNode.value())) {
                log.debug("releasing segment {} of {} to {}", segment, group, owner);
                processor.releaseSegment(segment, RELEASE_FOR.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * A processor that failed while PostgreSQL was away holds no segment and waits out Axon's back-off. Asking it to
     * claim a segment runs its coordination now (Axon's {@code claimSegment} queues a task and wakes the coordinator),
     * which claims every segment it can; a segment it owns, so as not to take one the others would release again.
     * One that owns none waits for its back-off: it has nothing to take up. ({@code isError} stays true for a
     * processor awake but holding nothing yet; asked again, it answers at once.)
     */
    private void wakeIfInError(String group, StreamingEventProcessor processor, List<ClusterNodes.Node> live) {
        if (!processor.isError()) {
            return;
        }
        List<String> runningIt = runningIt(group, live);
        for (int segment : tokens.fetchSegments(group)) {
            if (owner(group, segment, runningIt).equals(thisNode.value())) {
                log.debug("waking {} to claim segment {}", group, segment);
                processor.claimSegment(segment);
            }
        }
    }

    /** The node a segment belongs to, among the nodes running its group in name order: the same on every node. */
    static String owner(String group, int segment, List<String> nodesRunningIt) {
        int offset = Math.floorMod(group.hashCode(), nodesRunningIt.size());
        return nodesRunningIt.get((segment + offset) % nodesRunningIt.size());
    }

    /** The live nodes running {@code group}, in name order (this one among them: its heartbeat was just written). */
    private static List<String> runningIt(String group, List<ClusterNodes.Node> live) {
        return live.stream().filter(node -> node.groups().contains(group)).map(ClusterNodes.Node::name).toList();
    }

    private Map<String, StreamingEventProcessor> running() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor processor
                        && processor.isRunning())
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> (StreamingEventProcessor) entry.getValue(),
                        (a, b) -> a, TreeMap::new));
    }
}
