package org.bunnybook.platform.processing;

/**
 * A processing group that runs on one segment (when first started), though it parks failed events like any other.
 * For read models that add up events of many aggregates into shared rows: their segments would take the same row
 * locks in different orders and deadlock, each deadlock rolling a whole batch back. Declared as a bean beside the
 * projection that needs it.
 */
public record SingleSegmentGroup(String name) {
}
