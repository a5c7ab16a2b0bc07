package org.bunnybook.web.observability;

import org.bunnybook.platform.redis.RedisCircuit;
import org.neo4j.driver.Driver;
import org.springframework.boot.actuate.data.redis.RedisHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.neo4j.Neo4jHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Redis and Neo4j are stores a node can serve without: without Redis reads go to PostgreSQL and Neo4j and live pushes
 * pause (what they tell is stored and read again); without Neo4j only graph questions (suggestions, connections, mutual friends…) answer 503. Each
 * is therefore {@value #DEGRADED} rather than {@code DOWN} while it cannot be reached (Spring Boot's own checks, under
 * their usual names {@code redis} and {@code neo4j}, which these replace): readiness stays 200 and says
 * {@value #DEGRADED}, so that a store gone for every node at once does not take the whole cluster out of its load
 * balancer. PostgreSQL ({@code db}) holds every write and stays a cause of {@code DOWN}.
 */
@Configuration(proxyBeanMethods = false)
class DegradableStoresHealth {

    static final String DEGRADED = "DEGRADED";

    @Bean
    HealthIndicator redisHealthIndicator(RedisConnectionFactory redis, RedisCircuit circuit) {
        RedisHealthIndicator ping = new RedisHealthIndicator(redis);
        return () -> {
            Health health = degradable(ping.health(), "reads go around the caches; live pushes pause");
            if (health.getStatus().equals(Status.UP) && !circuit.available()) {
                // answering again, but this node does not use it until its circuit lets calls through
                return Health.status(DEGRADED).withDetails(health.getDetails()).withDetail("circuit", "open").build();
            }
            return health;
        };
    }

    @Bean
    HealthIndicator neo4jHealthIndicator(Driver neo4j) {
        Neo4jHealthIndicator ping = new Neo4jHealthIndicator(neo4j);
        return () -> degradable(ping.health(), "graph questions answer 503, everything else works");
    }

    private static Health degradable(Health health, String meaning) {
        if (!health.getStatus().equals(Status.DOWN)) {
            return health;
        }
        return Health.status(DEGRADED).withDetails(health.getDetails()).withDetail("degraded", meaning).build();
    }
}
