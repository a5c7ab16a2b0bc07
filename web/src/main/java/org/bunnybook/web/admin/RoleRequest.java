package org.bunnybook.web.admin;

import jakarta.validation.constraints.NotNull;
import org.bunnybook.api.account.Role;

public record RoleRequest(@NotNull(message = "field required") Role role) {
}
