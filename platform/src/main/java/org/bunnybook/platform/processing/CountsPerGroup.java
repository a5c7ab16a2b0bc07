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
        counter(group).incrementAndGet();
    }

    /** The counts of these groups now (0 for a group never counted). */
    Map<String, Long> of(Collection<String> groups) {
        Map<String, Long> now = new HashMap<>();
        groups.forEach(group -> now.put(group, counter(group).get()));
        return now;
    }

    private AtomicLong counter(String group) {
        return counts.computeIfAbsent(group, name -> new AtomicLong());
    }
}
