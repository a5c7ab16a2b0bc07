package org.bunnybook.platform.projection;

import java.util.List;

/**
 * How a processing group stands, as far as every node can see it (the token store, the dead-letter queue and the
 * rebuild table are shared), plus what this node knows of its own processor.
 *
 * @param position    the lowest position any segment has reached (null before any has handled an event)
 * @param head        the newest event's global position
 * @param lag         events between the slowest segment and the head
 * @param progress    while replaying, the share of history replayed so far (0 to 1); null when live
 * @param deadLetters events parked after a failure, waiting for a retry
 * @param rebuildable false for groups whose replay would repeat effects (processes that send commands, the ledger)
 * @param besideLive  whether the group is rebuilt beside its live read model (it declares a copy of it), so that its
 *                    readers never see it partial, rather than over it
 * @param rebuild     the current rebuild, else the last one; null if it was never rebuilt
 * @param shadow      the read model being built beside the live one, while a rebuild beside it is under way; else
 *                    null
 */
public record ProjectionStatus(String name, boolean replaying, Double progress, Long position, long head, Long lag,
                        List<Segment> segments, ThisNode thisNode, long deadLetters, boolean rebuildable,
                        boolean besideLive, Rebuild rebuild, Shadow shadow) {

    /**
     * The read model being built beside the live one: its own processor ({@code name}) and tokens, its progress
     * through history and its lag behind the head, its parked events, and whether it runs on this node.
     */
    public record Shadow(String name, boolean replaying, Double progress, Long position, Long lag,
                         List<Segment> segments, boolean runningHere, long deadLetters) {
    }

    /** One segment: where it is, whether it replays, and which node holds it (null: none at the moment). */
    public record Segment(int segment, String owner, Long position, boolean replaying, Double progress) {
    }

    /** This node's processor of the group: whether it runs and, if it is failing, on what. */
    public record ThisNode(String node, boolean running, boolean error, List<String> errors) {
    }
}
