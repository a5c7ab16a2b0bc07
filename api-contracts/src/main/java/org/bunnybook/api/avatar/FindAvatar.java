package org.bunnybook.api.avatar;

/** The PNG saved for a member at registration; answers an {@link java.util.Optional} of {@code byte[]}. */
public record FindAvatar(String username) {
}
