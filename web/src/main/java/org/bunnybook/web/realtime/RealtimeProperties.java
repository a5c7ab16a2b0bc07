package org.bunnybook.web.realtime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * @param allowedOrigins  origins allowed to open {@code /ws} besides the application's own (patterns allowed)
 * @param framesPerSecond inbound frames a session may send per second; more are refused ({@link FrameBudget})
 * @param presenceTimeToLive how long one {@code ping} keeps a member online
 * @param socketsPerMember   connected sockets one member may hold at once on one node; CONNECT beyond is refused
 */
@ConfigurationProperties("bunnybook.realtime")
record RealtimeProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("20") int framesPerSecond,
                          @DefaultValue("11s") Duration presenceTimeToLive,
                          @DefaultValue("16") int socketsPerMember) {
}
