package org.bunnybook.web.realtime;

import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The members' frames and their pushes run on the STOMP channels' own threads, not on the scheduler of the scheduled
 * work, which Spring Boot hands both channels when it is the context's only task executor.
 */
@BunnybookTest
class ChannelThreadsTest {

    @Autowired
    @Qualifier("clientInboundChannel")
    ExecutorSubscribableChannel inbound;

    @Autowired
    @Qualifier("clientOutboundChannel")
    ExecutorSubscribableChannel outbound;

    @Autowired
    @Qualifier("taskScheduler")
    ThreadPoolTaskScheduler scheduler;

    @Test
    void framesAndPushesHaveThreadsOfTheirOwn() {
        assertThat(inbound.getExecutor()).isNotSameAs(scheduler).isInstanceOf(ThreadPoolTaskExecutor.class);
        assertThat(((ThreadPoolTaskExecutor) inbound.getExecutor()).getCorePoolSize()).isEqualTo(16);
        assertThat(((ThreadPoolTaskExecutor) inbound.getExecutor()).getThreadNamePrefix())
                .isEqualTo("clientInboundChannel-");
        assertThat(outbound.getExecutor()).isNotSameAs(scheduler).isInstanceOf(ThreadPoolTaskExecutor.class);
        assertThat(((ThreadPoolTaskExecutor) outbound.getExecutor()).getThreadNamePrefix())
                .isEqualTo("clientOutboundChannel-");
    }
}
