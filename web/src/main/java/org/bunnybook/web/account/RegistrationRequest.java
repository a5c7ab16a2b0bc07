package org.bunnybook.web.account;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record RegistrationRequest(
        @NotNull(message = "field required")
        @Size(min = 2, max = 32, message = "must be 2 to 32 characters")
        @Pattern(regexp = "^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$",
                message = "letters and digits, optionally joined by single '-', '_' or '.'")
        String username,

        @NotNull(message = "field required")
        @Size(max = 320, message = "must be at most 320 characters")
        @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "not a valid email address")
        String email,

        @NotNull(message = "field required")
        @Size(min = 8, max = 64, message = "must be 8 to 64 characters")
        String password,

        @JsonAlias("avatar_identifier")
        @Size(max = 128, message = "must be at most 128 characters")
        String avatarIdentifier) {
}
