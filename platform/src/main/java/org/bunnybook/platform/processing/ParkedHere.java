package org.bunnybook.platform.processing;

import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many events each processor has parked on this node so far (counted as they are put in its dead-letter queue,
 * whether or not their batch then commits). Where this node runs every segment of a group and saw its batches
 * handle a command's events, an unchanged count since the command was sent says none of them was parked, with no
 * question to the dead-letter table.
 */
@Component
public class ParkedHere {

    private final ConcurrentMap<String, AtomicLong> groups = new ConcurrentHashMap<>();

    public Map<String, Long> counts(Collection<String> groupNames) {
        Map<String, Long> counts = new HashMap<>();
        groupNames.forEach(group -> counts.put(group, counter(group).get()));
        return counts;
    }

    void parked(String group) {
        counter(group).incrementAndGet();
    }

    private AtomicLong counter(String group) {
        return groups.computeIfAbsent(group, name -> new AtomicLong());
    }
}
