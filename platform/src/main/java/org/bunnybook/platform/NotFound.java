package org.bunnybook.platform;

/** Refused: what was asked for (a processing group, a parked sequence, a rebuild under way) does not exist. */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found");
    }
}
