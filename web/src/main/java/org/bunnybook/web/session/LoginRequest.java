package org.bunnybook.web.session;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record LoginRequest(
        @NotNull(message = "field required") @Size(max = 320, message = "must be at most 320 characters") String email,
        @NotNull(message = "field required") @Size(max = 64, message = "must be at most 64 characters") String password) {
}
