package org.bunnybook.api.avatar;

/** A 256×256 PNG bunny drawn deterministically from any identifier; answers {@code byte[]}. */
public record PaintAvatar(String identifier) {
}
