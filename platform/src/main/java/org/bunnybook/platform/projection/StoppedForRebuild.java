package org.bunnybook.platform.projection;

/**
 * Published (as a Spring application event) on a node just before it stops a group's processor for a rebuild in place,
 * and again at each of its polls until the group is reset ({@link ProjectionRebuilds}). Whatever serves members from
 * that read model without waiting for it stops trusting it now: once every node has stopped, any of them may reset it,
 * and it stays partial until the replay is over.
 */
public record StoppedForRebuild(String group) {
}
