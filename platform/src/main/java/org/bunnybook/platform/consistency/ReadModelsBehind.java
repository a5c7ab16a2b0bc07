package org.bunnybook.platform.consistency;

import java.util.List;

/**
 * Told when a command was stored but some of the read models it should show in do not reflect it yet (their store
 * is down, their processor stopped moving, or they parked its events), so the answer to the sender can say so.
 * Implemented where the answer is made (the web module sets a response header).
 */
public interface ReadModelsBehind {

    void behind(List<String> readModels);
}
