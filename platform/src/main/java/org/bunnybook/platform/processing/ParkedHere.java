package org.bunnybook.platform.processing;

import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;

/**
 * How many events each processor has parked on this node so far (counted as they are put in its dead-letter queue,
 * whether or not their batch then commits). Where this node runs every segment of a group and saw its batches
 * handle a command's events, an unchanged count since the command was sent says none of them was parked, with no
 * question to the dead-letter table.
 */
@Component
public class ParkedHere {

    private final CountsPerGroup parked = new CountsPerGroup();

    public Map<String, Long> counts(Collection<String> groupNames) {
        return parked.of(groupNames);
    }

    void parked(String group) {
        parked.increment(group);
    }
}
