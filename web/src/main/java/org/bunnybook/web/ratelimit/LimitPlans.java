package org.bunnybook.web.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.bunnybook.web.ratelimit.LimitPlan.Route;
import org.bunnybook.web.ratelimit.RateLimitProperties.PlanSettings;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one table of abuse limits: which routes each plan covers and its default budgets per minute, per member and
 * per client address (0: not counted that way). A request is counted by the first plan that covers it, so specific
 * plans come before general ones and {@code writes} catches every change no other plan names, also routes added
 * later. {@code bunnybook.rate-limit.plans.<name>.*} overrides a default, or switches a plan off.
 */
@Component
class LimitPlans {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** Name, budget per member, budget per address, routes. Kept in step with docs/http-api.md, "Abuse limits". */
    static final List<Default> DEFAULTS = List.of(
            new Default("register", 0, 10, "POST /web/register"),
            new Default("login", 0, 20, "POST /web/login"),
            new Default("refresh", 0, 60, "POST /web/refresh"),
            new Default("posts", 20, 60, "POST /web/posts"),
            new Default("comments", 30, 90, "POST /web/posts/{id}/comments"),
            new Default("likes", 60, 180, "POST,DELETE /web/posts/{id}/likes"),
            new Default("friend-requests", 20, 60, "POST /web/profiles/{me}/outgoing_friend_requests/{target}"),
            new Default("search", 60, 120, "GET /web/profiles"),
            // painting is CPU work anyone can ask for; browsers keep each picture for a year
            new Default("avatars", 60, 60, "GET /web/avatar/{identifier}"),
            new Default("feed", 120, 240, "GET /web/feed"),
            new Default("graph", 60, 120, "GET /web/profiles/{me}/friend_suggestions",
                    "GET /web/profiles/{me}/friends/{other}/mutual_friends", "GET /web/profiles/{me}/connection/{other}"),
            new Default("chat", 120, 240, "GET /web/chat/{chatGroupId}/messages",
                    "GET /web/profiles/{me}/conversations"),
            new Default("audit-export", 5, 10, "GET /web/audit/export", "POST /web/audit/verify"),
            new Default("data-export", 5, 10, "GET /web/me/export"),
            new Default("audit", 60, 120, "GET /web/audit/**"),
            // the WebSocket handshake: a member when the browser sends its cookie, else only the address; the UI
            // reconnects every 2 s while refused, and an office's members all reconnect after a node restarts
            new Default("websocket", 20, 120, "GET /ws"),
            new Default("writes", 120, 240, "POST,PUT,PATCH,DELETE /web/**"));

    private final List<LimitPlan> plans;

    LimitPlans(RateLimitProperties properties) {
        this.plans = resolve(properties);
    }

    /** The plans in force, in the order they are tried. */
    List<LimitPlan> all() {
        return plans;
    }

    /** The plan that counts this request, if any. */
    Optional<LimitPlan> planFor(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        PathContainer path = PathContainer.parsePath(uri);
        String method = request.getMethod();
        return plans.stream().filter(plan -> plan.covers(method, path)).findFirst();
    }

    private static List<LimitPlan> resolve(RateLimitProperties properties) {
        if (!properties.enabled()) {
            return List.of();
        }
        // an environment variable cannot spell a hyphen: BUNNYBOOK_RATELIMIT_PLANS_FRIENDREQUESTS_PERACCOUNT
        Map<String, PlanSettings> given = properties.plans().entrySet().stream()
                .collect(Collectors.toMap(entry -> comparable(entry.getKey()), Map.Entry::getValue));
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(DEFAULTS.stream().map(plan -> comparable(plan.name())).toList());
        if (!unknown.isEmpty()) { // a misspelt plan would silently keep its default
            throw new IllegalStateException("bunnybook.rate-limit.plans names unknown plans " + unknown
                    + "; the plans are " + DEFAULTS.stream().map(Default::name).toList());
        }
        List<LimitPlan> resolved = new ArrayList<>();
        for (Default plan : DEFAULTS) {
            PlanSettings settings = given.getOrDefault(comparable(plan.name()),
                    new PlanSettings(null, null, null, null));
            if (Boolean.FALSE.equals(settings.enabled())) {
                continue;
            }
            Duration period = Optional.ofNullable(settings.period()).orElse(MINUTE);
            resolved.add(new LimitPlan(plan.name(), plan.routes().stream().map(Route::parse).toList(),
                    budget(Optional.ofNullable(settings.perAccount()).orElse(plan.perAccount()), period),
                    budget(Optional.ofNullable(settings.perAddress()).orElse(plan.perAddress()), period)));
        }
        return List.copyOf(resolved);
    }

    private static String comparable(String planName) {
        return planName.replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static Optional<Budget> budget(int requests, Duration period) {
        return requests <= 0 ? Optional.empty() : Optional.of(new Budget(requests, period));
    }

    record Default(String name, int perAccount, int perAddress, List<String> routes) {
        Default(String name, int perAccount, int perAddress, String... routes) {
            this(name, perAccount, perAddress, List.of(routes));
        }
    }
}
