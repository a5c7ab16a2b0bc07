package org.bunnybook.query.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.bunnybook.embedded.EmbeddedRedisServer;
import org.bunnybook.platform.redis.RedisCircuit;
import org.bunnybook.query.testing.EmbeddedReadModelStores;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** The generational cache on the real Redis: what it serves, what it loads, and when it stops trusting itself. */
@ReadModelTest
class GenerationalCacheTest {

    private static final TypeReference<String> TEXT = new TypeReference<>() {
    };

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ObjectMapper json;

    @Autowired
    RedisCircuit circuit;

    @Autowired
    OwedRetirements owed;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    private String namespace;

    /** The source behind the cache: each subject's current value, and how often it was asked. */
    private final Map<UUID, String> source = new ConcurrentHashMap<>();
    private final AtomicInteger loads = new AtomicInteger();
    private GenerationalCache cache;
    private final UUID ann = UUID.randomUUID(), bob = UUID.randomUUID();

    @BeforeEach
    void freshNamespace() {
        namespace = "test-" + UUID.randomUUID();
        cache = new GenerationalCache(namespace, Duration.ofMinutes(1), redis, circuit, owed, json,
                new SimpleMeterRegistry());
        source.put(ann, "ann v1");
        source.put(bob, "bob v1");
    }

    @Test
    void aValueIsLoadedOnceAndThenReadFromRedis() {
        assertThat(about(ann)).isEqualTo("ann v1");
        source.put(ann, "ann v2, unseen: nothing said it changed");

        assertThat(about(ann)).isEqualTo("ann v1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void readersMissingTheSameValueTogetherLoadItOnce() throws Exception {
        int readers = 8;
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(readers);
        List<Thread> started = new ArrayList<>();
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                answers.add(threads.submit(() -> {
                    synchronized (started) {
                        started.add(Thread.currentThread());
                    }
                    return cache.get("slow", List.of(ann), TEXT, () -> {
                        loads.incrementAndGet();
                        awaitQuietly(release);
                        return "loaded once";
                    });
                }));
            }
            // one reader is loading, and every other one is parked on its answer, not loading one of its own
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                synchronized (started) {
                    return started.size() == readers && loads.get() == 1 && started.stream()
                            .filter(thread -> thread.getState() == Thread.State.WAITING).count() == readers - 1;
                }
            });
            release.countDown();

            for (Future<String> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("loaded once");
            }
            assertThat(loads).hasValue(1);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aChangeRetiresEveryValueAboutItsSubjectAndNoOther() {
        about(ann);
        about(bob);
        String both = cache.get("both", List.of(ann, bob), TEXT, () -> source.get(ann) + " & " + source.get(bob));
        source.put(ann, "ann v2");
        source.put(bob, "bob v2, unseen: nothing said it changed");

        cache.changed(List.of(ann));

        assertThat(about(ann)).isEqualTo("ann v2");
        assertThat(about(bob)).isEqualTo("bob v1");
        assertThat(cache.get("both", List.of(ann, bob), TEXT, () -> source.get(ann) + " & " + source.get(bob)))
                .isNotEqualTo(both).isEqualTo("ann v2 & bob v2, unseen: nothing said it changed");
    }

    /** The generations a reader reads with keys of its own in one MGET: new after a change, none while held. */
    @Test
    void generationsReadWithOtherKeysMoveOnWithEachChangeAndAreNoneWhileHeld() {
        List<UUID> subjects = List.of(ann, bob);
        List<String> before = generationsReadAlongsideAnotherKey(subjects);
        assertThat(before).hasSize(2).doesNotContainNull();

        cache.changed(List.of(bob));
        List<String> after = generationsReadAlongsideAnotherKey(subjects);
        assertThat(after.get(0)).isEqualTo(before.get(0));
        assertThat(after.get(1)).isNotEqualTo(before.get(1));

        Runnable release = cache.hold(List.of(ann));
        assertThat(generationsReadAlongsideAnotherKey(subjects)).containsExactly(null, after.get(1));
        release.run();
        List<String> released = generationsReadAlongsideAnotherKey(subjects);
        assertThat(released.get(0)).isNotNull().isNotEqualTo(after.get(0));
        assertThat(released.get(1)).isEqualTo(after.get(1));
    }

    private List<String> generationsReadAlongsideAnotherKey(List<UUID> subjects) {
        List<String> keys = new ArrayList<>(List.of("some other key"));
        keys.addAll(cache.generationKeys(subjects));
        return cache.generationsIn(redis.opsForValue().multiGet(keys), 1, subjects.size());
    }

    @Test
    void aValueAboutSeveralSubjectsIsReadAroundTheCacheWhileAnyOneOfThemIsHeld() {
        UUID cy = UUID.randomUUID();
        source.put(cy, "cy v1");
        List<UUID> all = List.of(ann, bob, cy);
        Supplier<String> each = () -> {
            loads.incrementAndGet();
            return source.get(ann) + ", " + source.get(bob) + ", " + source.get(cy);
        };
        assertThat(cache.get("all", all, TEXT, each)).isEqualTo("ann v1, bob v1, cy v1");

        Runnable release = cache.hold(List.of(bob)); // the one in the middle of the lookup's subjects
        source.put(bob, "bob v2, not committed yet");
        int before = loads.get();
        assertThat(cache.get("all", all, TEXT, each)).isEqualTo("ann v1, bob v2, not committed yet, cy v1");
        assertThat(cache.get("all", all, TEXT, each)).isEqualTo("ann v1, bob v2, not committed yet, cy v1");
        assertThat(loads).hasValue(before + 2); // nothing cached while held
        release.run();
        source.put(cy, "cy v2");
        cache.changed(List.of(cy)); // the last one

        assertThat(cache.get("all", all, TEXT, each)).isEqualTo("ann v1, bob v2, not committed yet, cy v2");
        assertThat(cache.get("all", all, TEXT, each)).isEqualTo("ann v1, bob v2, not committed yet, cy v2");
        assertThat(loads).hasValue(before + 3); // cached again
    }

    /**
     * A batch's change is owed in PostgreSQL inside the batch's transaction, so that another node carries it out if
     * this one cannot, and settled once this node has retired it in Redis.
     */
    @Test
    void aChangeInABatchIsOwedInItsTransactionAndSettledOnceRetired() {
        about(ann);
        List<Long> owedWhileCommitting = new ArrayList<>();
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.attachTransaction(new SpringTransactionManager(transactions));
        batch.execute(() -> {
            source.put(ann, "ann v2");
            cache.holdUntilCommitted(ann);
            // after the cache's own step, in the batch's transaction
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> owedWhileCommitting.add(owedRows()));
        });

        assertThat(owedWhileCommitting).containsExactly(1L);
        assertThat(owedRows()).as("settled").isZero();
        assertThat(about(ann)).isEqualTo("ann v2");
    }

    @Test
    void aBatchThatRollsBackOwesNothing() {
        List<Long> owedWhileCommitting = new ArrayList<>();
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.attachTransaction(new SpringTransactionManager(transactions));
        Throwable failed = catchThrowable(() -> batch.execute(() -> {
            cache.holdUntilCommitted(ann);
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> {
                owedWhileCommitting.add(owedRows());
                throw new IllegalStateException("the batch fails as it commits");
            });
        }));

        assertThat(failed).hasStackTraceContaining("the batch fails as it commits");
        assertThat(owedWhileCommitting).as("owed inside the batch's transaction").containsExactly(1L);
        assertThat(owedRows()).as("and gone with it").isZero();
    }

    /**
     * A read model's tables swapped for a rebuilt copy: every value cached from the old ones is served until the
     * swap's transaction commits, owed in it, and retired with it, whatever subject it is about.
     */
    @Test
    void everythingIsRetiredAsTheTransactionSwappingTheSourceCommits() {
        about(ann);
        String both = cache.get("both", List.of(ann, bob), TEXT, () -> source.get(ann) + " & " + source.get(bob));
        List<Long> owedWhileCommitting = new ArrayList<>();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            source.put(ann, "ann v2");
            source.put(bob, "bob v2");
            cache.retireEverythingOnCommit();
            // after the cache's own step, in the same transaction
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    owedWhileCommitting.add(owedRows());
                }
            });
            assertThat(about(ann)).as("the old source still serves until the commit").isEqualTo("ann v1");
        });

        assertThat(owedWhileCommitting).containsExactly(1L);
        assertThat(owedRows()).as("settled").isZero();
        assertThat(about(ann)).isEqualTo("ann v2");
        assertThat(cache.get("both", List.of(ann, bob), TEXT, () -> source.get(ann) + " & " + source.get(bob)))
                .isNotEqualTo(both).isEqualTo("ann v2 & bob v2");
        int loaded = loads.get();
        assertThat(about(ann)).as("cached again, under the new generation").isEqualTo("ann v2");
        assertThat(loads).hasValue(loaded);
    }

    @Test
    void everythingRetiredWithoutATransactionIsRefused() {
        assertThat(catchThrowable(cache::retireEverythingOnCommit)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whileHeldReadersGoToTheSourceAndTheReleaseRetiresWhatWasCachedBefore() {
        about(ann);
        Runnable release = cache.hold(List.of(ann));
        source.put(ann, "ann v2, not committed yet");
        assertThat(about(ann)).isEqualTo("ann v2, not committed yet");
        source.put(ann, "ann v2");
        assertThat(about(ann)).isEqualTo("ann v2"); // nothing loaded while held was cached

        release.run();

        assertThat(about(ann)).isEqualTo("ann v2");
        int loaded = loads.get();
        assertThat(about(ann)).isEqualTo("ann v2");
        assertThat(loads).hasValue(loaded);
    }

    @Test
    void withoutRedisValuesComeFromTheSourceAndAChangeMadeMeanwhileIsRetiredOnceRedisIsBack() {
        about(ann);
        EmbeddedRedisServer server = EmbeddedReadModelStores.redis();
        server.stop();
        try {
            source.put(ann, "ann v2");
            assertThat(about(ann)).isEqualTo("ann v2");
            cache.changed(List.of(ann)); // cannot move the generation on now: remembered
        } finally {
            server.restart();
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> "PONG".equals(redis.execute(RedisConnection::ping)));

        // the value cached before the outage is still in Redis, under the generation the change retired
        assertThat(about(ann)).isEqualTo("ann v2");
    }

    private long owedRows() {
        return jdbc.sql("SELECT count(*) FROM cache_retirements WHERE namespace = :namespace")
                .param("namespace", namespace).query(Long.class).single();
    }

    /** The name says what the value is (subjects only say which generations it is filed under), as in production. */
    private String about(UUID subject) {
        return cache.get("about:" + subject, List.of(subject), TEXT, load(subject));
    }

    private Supplier<String> load(UUID subject) {
        return () -> {
            loads.incrementAndGet();
            return source.get(subject);
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
