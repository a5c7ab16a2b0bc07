package org.bunnybook.web.error;

import java.util.List;

/**
 * One invalid input, as FastAPI reports it (the original Bunnybook's clients parse this): where it was
 * ({@code ["body","username"]}, {@code ["query","limit"]}), what is wrong, and a kind.
 */
public record FieldError(List<Object> loc, String msg, String type) {
}
