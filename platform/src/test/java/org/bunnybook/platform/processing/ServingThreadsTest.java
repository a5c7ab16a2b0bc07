package org.bunnybook.platform.processing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ServingThreadsTest {

    @Test
    void workDoneForAServingThreadOnAnotherIsBoundedAsItIsAndOnlyWhileItRuns() {
        Duration wait = Duration.ofSeconds(7);
        AtomicReference<Duration> during = new AtomicReference<>();
        ServingThreads.begin(wait);
        Runnable work;
        try {
            work = ServingThreads.boundAsThisThread(() -> during.set(ServingThreads.postgresWait()));
        } finally {
            ServingThreads.end();
        }
        assertThat(ServingThreads.postgresWait()).isNull();

        Duration after = CompletableFuture.supplyAsync(() -> {
            work.run();
            return ServingThreads.postgresWait();
        }).join();
        assertThat(during.get()).isEqualTo(wait);
        assertThat(after).isNull();
    }

    @Test
    void workRunOnAThreadThatServesAMemberLeavesThatThreadsBoundInPlace() {
        ServingThreads.begin(Duration.ofSeconds(3));
        Runnable work;
        try {
            work = ServingThreads.boundAsThisThread(() -> assertThat(ServingThreads.postgresWait())
                    .isEqualTo(Duration.ofSeconds(3)));
        } finally {
            ServingThreads.end();
        }
        ServingThreads.begin(Duration.ofSeconds(5));
        try {
            work.run();
            assertThat(ServingThreads.postgresWait()).isEqualTo(Duration.ofSeconds(5));
        } finally {
            ServingThreads.end();
        }
    }

    @Test
    void workForAThreadThatServesNoMemberIsLeftUnbounded() {
        Runnable work = () -> { };
        assertThat(ServingThreads.boundAsThisThread(work)).isSameAs(work);
    }
}
