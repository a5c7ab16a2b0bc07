package org.bunnybook.web.report;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What staff answer the reporter; it reaches them as a notification. */
public record AnswerRequest(
        @NotBlank(message = "must not be blank")
        @Size(max = 2000, message = "must be 1 to 2000 characters") String answer) {
}
