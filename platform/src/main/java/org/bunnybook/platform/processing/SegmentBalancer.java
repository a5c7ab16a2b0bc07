package org.bunnybook.platform.processing;

import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
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
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    /** How long a node counts as live after its last heartbeat: the token store's claim timeout (10 s). */
    static final Duration LIVE_FOR = Duration.ofSeconds(10);
    /** Long enough for the owner's next claim attempt ({@link ProcessingConfiguration}: every second). */
    private static final Duration RELEASE_FOR = Duration.ofSeconds(3);

    private final EventProcessingConfiguration processing;
    private final ClusterNodes nodes;
    private final NodeName thisNode;

    SegmentBalancer(EventProcessingConfiguration processing, ClusterNodes nodes, NodeName thisNode) {
        this.processing = processing;
        this.nodes = nodes;
        this.thisNode = thisNode;
    }

    @Scheduled(fixedDelay = 2, initialDelay = 2, timeUnit = TimeUnit.SECONDS)
    void balance() {
        Map<String, StreamingEventProcessor> running = running();
        try {
            nodes.beat(thisNode.value(), running.keySet());
            List<ClusterNodes.Node> live = nodes.live(LIVE_FOR);
            running.forEach((group, processor) -> releaseOthers(group, processor, live));
        } catch (RuntimeException e) {
            // PostgreSQL unreachable: segments stay where they are, which processes everything all the same
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
        List<String> runningIt = live.stream().filter(node -> node.groups().contains(group))
                .map(ClusterNodes.Node::name).toList();
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

    /** The node a segment belongs to, among the nodes running its group in name order: the same on every node. */
    static String owner(String group, int segment, List<String> nodesRunningIt) {
        int offset = Math.floorMod(group.hashCode(), nodesRunningIt.size());
        return nodesRunningIt.get((segment + offset) % nodesRunningIt.size());
    }

    private Map<String, StreamingEventProcessor> running() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor processor
                        && processor.isRunning())
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> (StreamingEventProcessor) entry.getValue(),
                        (a, b) -> a, TreeMap::new));
    }
}
