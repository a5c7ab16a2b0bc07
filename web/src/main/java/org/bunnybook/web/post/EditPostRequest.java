package org.bunnybook.web.post;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A post's new content, within the limits of a new post's. */
public record EditPostRequest(
        @NotNull(message = "field required")
        @Size(min = 1, max = 4096, message = "must be 1 to 4096 characters") String content) {
}
