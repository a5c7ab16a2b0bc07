package org.bunnybook.platform.processing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** A count per processing group that only grows, so that two readings of it tell whether anything happened between. */
final class CountsPerGroup {

    private final ConcurrentMap<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void increment(String group) {
        counts.computeIfAbsent(group, name -> new AtomicLong()).incrementAndGet();
    }

    /**
     * The counts of these groups now (0 for a group never counted). Reading leaves nothing behind: a wait may name a
     * group that never commits a batch on this node.
     */
    Map<String, Long> of(Collection<String> groups) {
        Map<String, Long> now = new HashMap<>();
        groups.forEach(group -> {
            AtomicLong count = counts.get(group);
            now.put(group, count == null ? 0 : count.get());
        });
        return now;
    }
}
