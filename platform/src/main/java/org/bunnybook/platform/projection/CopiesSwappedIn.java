package org.bunnybook.platform.projection;

/**
 * Published (as a Spring application event) inside the transaction that swaps a group's rebuilt copies in for its
 * live tables ({@link BesideLiveRebuilds}), after the swap and before the commit. Whatever holds values derived from
 * the replaced tables (a cache of their rows) listens for its group and arranges to forget them as the transaction
 * commits: until then readers see the old tables, from then on the new ones.
 */
public record CopiesSwappedIn(String group) {
}
