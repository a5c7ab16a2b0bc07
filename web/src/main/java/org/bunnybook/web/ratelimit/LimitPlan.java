package org.bunnybook.web.ratelimit;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A named set of routes that share budgets: one per member and one per client address; a request must fit both.
 * Either may be absent (anonymous routes have no member to count).
 */
record LimitPlan(String name, List<Route> routes, Optional<Budget> perAccount, Optional<Budget> perAddress) {

    boolean covers(String method, PathContainer path) {
        return routes.stream().anyMatch(route -> route.matches(method, path));
    }

    /** Methods and a path pattern, written as in docs/http-api.md: {@code "POST,DELETE /web/posts/{id}/likes"}. */
    record Route(Set<String> methods, PathPattern pattern) {

        static Route parse(String route) {
            String[] parts = route.trim().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a route is \"METHODS /path\": " + route);
            }
            Set<String> methods = Arrays.stream(parts[0].split(",")).map(String::trim).collect(Collectors.toSet());
            return new Route(methods, PathPatternParser.defaultInstance.parse(parts[1]));
        }

        /** A HEAD is served by the GET handler (painting the whole picture), so it counts as a GET. */
        boolean matches(String method, PathContainer path) {
            boolean methodMatches = methods.contains(method) || "HEAD".equals(method) && methods.contains("GET");
            return methodMatches && pattern.matches(path);
        }

        @Override
        public String toString() {
            return String.join(",", methods) + " " + pattern.getPatternString();
        }
    }
}
