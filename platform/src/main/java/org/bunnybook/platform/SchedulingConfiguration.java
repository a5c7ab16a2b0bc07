package org.bunnybook.platform;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

@Configuration
@EnableScheduling
class SchedulingConfiguration {

    /**
     * The scheduler of the application's {@code @Scheduled} work (dead-letter retries, rebuild coordination, the
     * caches' and feeds' upkeep), as {@code spring.task.scheduling.*} configures it. Spring Boot makes this one only
     * when the context has no other scheduler, and the STOMP broker's is one: without this bean the work ran on the
     * broker's scheduler (a thread a core, shared with the sockets' heartbeats, whatever the pool size said), which is
     * shut down with an interrupt, possibly in the middle of a retried batch writing the embedded graph's transaction
     * log (docs/architecture.md, "Reading the graph").
     */
    @Bean(name = "taskScheduler")
    ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
        return builder.build();
    }
}
