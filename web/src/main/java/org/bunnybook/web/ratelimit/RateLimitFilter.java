package org.bunnybook.web.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.bunnybook.web.error.ErrorResponses;
import org.bunnybook.web.security.Member;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Counts every request that a plan of {@link LimitPlans} covers against the member's budget and the client address's
 * budget, and refuses it with 429 and {@code Retry-After} when either is spent. It runs after Spring Security, so
 * the member is known; the address is the one the servlet container settled on (X-Forwarded-For only from the
 * trusted proxies of {@code server.tomcat.remoteip.internal-proxies}, so a client cannot pick its own).
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitFilter extends OncePerRequestFilter implements Ordered {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LimitPlans plans;
    private final TokenBuckets buckets;
    private final ErrorResponses errors;

    RateLimitFilter(LimitPlans plans, TokenBuckets buckets, ErrorResponses errors) {
        this.plans = plans;
        this.buckets = buckets;
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        return SecurityProperties.DEFAULT_FILTER_ORDER + 1;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<LimitPlan> plan = plans.planFor(request);
        if (plan.isPresent()) {
            Optional<ConsumptionProbe> refused = refusal(plan.get(), request);
            if (refused.isPresent()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds(refused.get())));
                errors.write(response, HttpStatus.TOO_MANY_REQUESTS);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The member's budget first: a member over theirs is refused without spending what others at the same address
     * (a household, an office) share. A request the address refuses is given back to the member: a refused request
     * costs nothing.
     */
    private Optional<ConsumptionProbe> refusal(LimitPlan plan, HttpServletRequest request) {
        Optional<String> memberKey = member().flatMap(member -> plan.perAccount()
                .map(budget -> key(plan, budget, "member", member.profileId().toString())));
        if (memberKey.isPresent()) {
            ConsumptionProbe probe = buckets.take(memberKey.get(), plan.perAccount().get());
            if (!probe.isConsumed()) {
                return Optional.of(probe);
            }
        }
        if (plan.perAddress().isPresent()) {
            Budget budget = plan.perAddress().get();
            ConsumptionProbe probe = buckets.take(
                    key(plan, budget, "address", ClientAddress.of(request.getRemoteAddr())), budget);
            if (!probe.isConsumed()) {
                memberKey.ifPresent(key -> buckets.giveBack(key, plan.perAccount().get()));
                return Optional.of(probe);
            }
        }
        return Optional.empty();
    }

    private static Optional<Member> member() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Member member
                ? Optional.of(member) : Optional.empty();
    }

    private static String key(LimitPlan plan, Budget budget, String kind, String who) {
        return "rate:" + plan.name() + ":" + budget.fingerprint() + ":" + kind + ":" + who;
    }

    /** Whole seconds, rounded up: a client that waits that long finds a request's worth in the budget. */
    private static long seconds(ConsumptionProbe probe) {
        return Math.max(1, (probe.getNanosToWaitForRefill() + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }
}
