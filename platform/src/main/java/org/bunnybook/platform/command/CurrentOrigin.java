package org.bunnybook.platform.command;

import java.util.Map;

/**
 * Where a command sent outside any message handler comes from, told by the adapter that received the request (the
 * web module's, for HTTP and WebSocket): metadata under the keys of {@link RequestOrigin}.
 */
@FunctionalInterface
public interface CurrentOrigin {

    /** At least {@link RequestOrigin#ACTOR} and {@link RequestOrigin#CORRELATION_ID}. */
    Map<String, Object> metaData();
}
