package org.bunnybook.api.friendship;

/** A friend action that does not fit the pair's current relationship (e.g. accepting a request never sent). */
public class UnexpectedRelationshipState extends RuntimeException {
    public UnexpectedRelationshipState(String message) {
        super(message);
    }
}
