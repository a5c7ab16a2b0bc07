package org.bunnybook.web.error;

import java.io.IOException;

/** Thrown while reading a request body that grows past the configured limit. */
public class PayloadTooLarge extends IOException {
    public PayloadTooLarge() {
        super("request body too large");
    }
}
