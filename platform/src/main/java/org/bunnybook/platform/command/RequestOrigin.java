package org.bunnybook.platform.command;

/** Metadata keys every message and event carries, so auditors can tell who caused what, and through what. */
public final class RequestOrigin {

    /** The acting member's profile id, or {@value #SYSTEM} when no member acted. */
    public static final String ACTOR = "actor";
    /** Shared by every message one request (or one system action) caused, however far it travelled. */
    public static final String CORRELATION_ID = "correlationId";
    /** The identifier of the message that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** The client address of the HTTP request, where there was one. */
    public static final String CLIENT_ADDRESS = "clientAddress";
    public static final String SYSTEM = "system";

    private RequestOrigin() {
    }
}
