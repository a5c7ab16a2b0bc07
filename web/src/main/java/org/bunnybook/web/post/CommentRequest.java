package org.bunnybook.web.post;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record CommentRequest(
        @NotBlank(message = "must not be blank")
        @Size(max = 1024, message = "must be 1 to 1024 characters") String content) {
}
