package org.bunnybook.api.account;

import java.util.UUID;

/** Answers an {@link java.util.Optional} of {@link AccountView}. */
public record FindAccountById(UUID profileId) {
}
