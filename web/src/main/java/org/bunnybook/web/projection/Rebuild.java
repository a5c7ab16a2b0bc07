package org.bunnybook.web.projection;

import java.time.Instant;

/** A rebuild of a processing group: who asked, when, and how far it has come (see {@link ProjectionRebuilds}). */
record Rebuild(long id, String state, String requestedBy, Instant requestedAt, Instant resetAt, String resetByNode,
               Instant finishedAt) {

    static final String REQUESTED = "REQUESTED";
    static final String REPLAYING = "REPLAYING";
    static final String FINISHED = "FINISHED";
    static final String CANCELLED = "CANCELLED";
}
