package org.bunnybook.api.friendship;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;

import java.util.UUID;

/** The friendship between the two ended; {@code byId} is the one who ended it. */
@Revision("1")
public record Unfriended(String friendshipId, UUID byId,
                         @PersonalData(subject = "byId", erasedAs = Erased.MEMBER) String byUsername, UUID otherId,
                         @PersonalData(subject = "otherId", erasedAs = Erased.MEMBER) String otherUsername) {
}
