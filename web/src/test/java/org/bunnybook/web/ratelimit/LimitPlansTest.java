package org.bunnybook.web.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table of plans as properties shape it: overrides, plans switched off, and which plan counts a request. */
class LimitPlansTest {

    @Test
    void propertiesOverrideAPlanOneSettingAtATimeAndMaySwitchItOff() {
        LimitPlans plans = plans(new MapConfigurationPropertySource(Map.of(
                "bunnybook.rate-limit.plans.friend-requests.per-account", "5",
                "bunnybook.rate-limit.plans.friend-requests.period", "10s",
                "bunnybook.rate-limit.plans.avatars.enabled", "false")));

        LimitPlan friendRequests = plan(plans, "friend-requests").orElseThrow();
        assertThat(friendRequests.perAccount()).contains(new Budget(5, Duration.ofSeconds(10)));
        assertThat(friendRequests.perAddress()).as("the default, for the given period")
                .contains(new Budget(60, Duration.ofSeconds(10)));
        assertThat(plan(plans, "avatars")).isEmpty();
        assertThat(plans.planFor(request("GET", "/web/avatar/bunny"))).as("a plan switched off limits nothing")
                .isEmpty();
        assertThat(plan(plans, "register").orElseThrow().perAccount()).as("anonymous: per address only").isEmpty();
    }

    @Test
    void environmentVariablesNameAPlanWithoutItsHyphen() {
        var environment = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("BUNNYBOOK_RATELIMIT_PLANS_FRIENDREQUESTS_PERACCOUNT", "7",
                        "BUNNYBOOK_RATELIMIT_PLANS_AUDITEXPORT_ENABLED", "false"));
        LimitPlans plans = plans(ConfigurationPropertySources.from(environment).iterator().next());

        assertThat(plan(plans, "friend-requests").orElseThrow().perAccount())
                .contains(new Budget(7, Duration.ofMinutes(1)));
        assertThat(plan(plans, "audit-export")).isEmpty();
    }

    @Test
    void aMisspeltPlanStopsTheApplicationInsteadOfKeepingItsDefault() {
        assertThatThrownBy(() -> plans(new MapConfigurationPropertySource(Map.of(
                "bunnybook.rate-limit.plans.post.per-account", "5"))))
                .hasMessageContaining("unknown plans [post]");
    }

    @Test
    void theFirstPlanThatCoversARequestCountsIt() {
        LimitPlans plans = plans(new MapConfigurationPropertySource(Map.of()));

        assertThat(planNameFor(plans, "POST", "/web/posts")).contains("posts");
        assertThat(planNameFor(plans, "DELETE", "/web/posts/0d6f4b8e-3a84-4d43-9d4b-5bd0a1c2f001/likes"))
                .contains("likes");
        assertThat(planNameFor(plans, "GET", "/web/audit/export")).contains("audit-export");
        assertThat(planNameFor(plans, "GET", "/web/audit/events")).contains("audit");
        assertThat(planNameFor(plans, "DELETE", "/web/posts/0d6f4b8e-3a84-4d43-9d4b-5bd0a1c2f001"))
                .as("a write no plan names").contains("writes");
        assertThat(planNameFor(plans, "PUT", "/web/some/route/added/later")).contains("writes");
        assertThat(planNameFor(plans, "HEAD", "/web/avatar/bunny")).as("served by the GET handler")
                .contains("avatars");
        assertThat(planNameFor(plans, "GET", "/web/posts")).as("a cheap read").isEmpty();
        assertThat(planNameFor(plans, "GET", "/web/profiles/0d6f4b8e-3a84-4d43-9d4b-5bd0a1c2f001")).isEmpty();
    }

    @Test
    void limitsSwitchedOffLimitNothing() {
        LimitPlans plans = plans(new MapConfigurationPropertySource(Map.of("bunnybook.rate-limit.enabled", "false")));

        assertThat(plans.all()).isEmpty();
    }

    private static LimitPlans plans(ConfigurationPropertySource source) {
        RateLimitProperties properties = new Binder(source)
                .bindOrCreate("bunnybook.rate-limit", RateLimitProperties.class);
        return new LimitPlans(properties);
    }

    private static Optional<LimitPlan> plan(LimitPlans plans, String name) {
        return plans.all().stream().filter(plan -> plan.name().equals(name)).findFirst();
    }

    private static Optional<String> planNameFor(LimitPlans plans, String method, String path) {
        return plans.planFor(request(method, path)).map(LimitPlan::name);
    }

    private static MockHttpServletRequest request(String method, String path) {
        return new MockHttpServletRequest(method, path);
    }
}
