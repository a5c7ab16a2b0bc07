package org.bunnybook.api.account;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.ErasesPersonalData;

import java.util.UUID;

/**
 * A member erased their account. Recording it deletes their key (crypto-shredding): their personal data in every
 * event reads as a placeholder from then on, and every read model scrubs them when it handles this event.
 */
@Revision("1")
@ErasesPersonalData(subject = "profileId")
public record AccountErased(UUID profileId) {
}
