package org.bunnybook.platform;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
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
     * shut down with an interrupt, in the middle of a retried batch if one is under way. This one lets work under way
     * finish (application.yml).
     */
    @Bean(name = "taskScheduler")
    ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
        return builder.build();
    }

    /**
     * No scheduled work starts once the context is closing. A scheduler that waits for its work is otherwise left
     * firing until it is destroyed, after the lifecycle has stopped what that work acts on: a rebuild's coordination
     * would start a processor Axon had just stopped. Work under way finishes, uninterrupted.
     */
    @Bean
    ApplicationListener<ContextClosedEvent> scheduledWorkEndsAtClose(
            @Qualifier("taskScheduler") ThreadPoolTaskScheduler taskScheduler, ApplicationContext context) {
        return closed -> {
            if (closed.getApplicationContext() == context) {
                taskScheduler.initiateShutdown();
            }
        };
    }
}
