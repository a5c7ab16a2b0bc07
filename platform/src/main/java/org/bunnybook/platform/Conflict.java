package org.bunnybook.platform;

/** Refused: the request does not fit the current state; the message says why, for the person who asked. */
public class Conflict extends RuntimeException {

    public Conflict(String detail) {
        super(detail);
    }
}
