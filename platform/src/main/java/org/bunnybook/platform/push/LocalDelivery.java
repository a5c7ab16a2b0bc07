package org.bunnybook.platform.push;

/**
 * Hands a push to the sessions this node holds, without Redis: the web relay does it for every push published on
 * Redis, and {@link RedisPushes} asks it directly for a push it could not publish, so that a member connected here
 * (the sender of a chat message above all, waiting for its acknowledgement) still hears it while Redis is away.
 */
public interface LocalDelivery {

    void deliverHere(Push push);
}
