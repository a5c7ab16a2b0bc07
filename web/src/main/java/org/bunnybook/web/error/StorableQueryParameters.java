package org.bunnybook.web.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every query parameter follows {@link StorableText} (a {@code %00} is the only way to smuggle a NUL into one:
 * undecodable bytes arrive as U+FFFD), refused with 422 naming it before any controller or store sees it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class StorableQueryParameters extends OncePerRequestFilter {

    private final ErrorResponses errors;

    StorableQueryParameters(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                String name = decoded(pair.split("=", 2)[0]);
                if (!StorableText.isStorable(decoded(pair))) {
                    errors.writeUnprocessable(response,
                            List.of(new FieldError(List.of("query", name), StorableText.RULE, "value_error")));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    /** Malformed escapes are left to the container's own parsing, which drops them. */
    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
