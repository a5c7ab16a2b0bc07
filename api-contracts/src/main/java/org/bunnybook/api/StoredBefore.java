package org.bunnybook.api;

/**
 * What a command answers when its aggregate finds that what it asks for was stored already (a request sent again,
 * under the same id): the event that stored it, by its aggregate and sequence number, so that the command can be
 * answered with that event rather than with a second one.
 */
public interface StoredBefore {

    String aggregateId();

    long seq();
}
