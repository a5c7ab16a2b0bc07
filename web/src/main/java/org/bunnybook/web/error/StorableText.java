package org.bunnybook.web.error;

/**
 * The one rule for text that members send, decided at the edge for every field: PostgreSQL's UTF-8 text cannot hold
 * NUL (it refuses the whole statement) nor an unpaired UTF-16 surrogate (the driver stores it as {@code ?}), so
 * neither is accepted anywhere, and what is accepted is stored exactly as sent.
 */
public final class StorableText {

    public static final String RULE = "must not contain NUL characters or unpaired UTF-16 surrogates";

    private StorableText() {
    }

    public static boolean isStorable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
