package org.bunnybook.web.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The new password follows registration's rule (8 to 64 characters, at most 72 bytes). */
public record PasswordChangeRequest(
        @NotNull(message = "field required")
        @Size(max = 64, message = "must be at most 64 characters")
        String currentPassword,

        @NotNull(message = "field required")
        @Size(min = 8, max = 64, message = "must be 8 to 64 characters")
        String newPassword) {
}
