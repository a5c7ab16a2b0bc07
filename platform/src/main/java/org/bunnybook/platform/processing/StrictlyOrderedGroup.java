package org.bunnybook.platform.processing;

/**
 * A processing group that must see every event once, one by one in global order, from the very first: it runs on a
 * single segment, starts from the first event even when deployed on an existing store (Axon's default start would be
 * a replay of the past, which such a group could not tell from a rebuild), and parks nothing: an event it fails on
 * stops it and is retried until it passes. Declared as a bean beside the projection that needs it.
 */
public record StrictlyOrderedGroup(String name) {
}
