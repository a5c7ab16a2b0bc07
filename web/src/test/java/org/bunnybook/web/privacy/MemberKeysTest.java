package org.bunnybook.web.privacy;

import org.bunnybook.platform.privacy.MemberKey;
import org.bunnybook.platform.privacy.MemberKeys;
import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node remembers members' keys for as long as nobody erases them, and forgets one within
 * {@code bunnybook.privacy.key-cache-ttl} of its erasure by another node (docs/privacy.md). A member's first key is
 * made in the transaction of the event that needs it, and seen only there until it commits. The other node is played
 * by writing its erasure straight into {@code member_keys}, for a subject of this test's own.
 */
@BunnybookTest
class MemberKeysTest {

    @Autowired
    MemberKeys keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Value("${bunnybook.privacy.key-cache-ttl:10s}")
    Duration lookForErasures;

    @Test
    void aKeyIsRememberedUntilAnotherNodeErasesItsMember() throws InterruptedException {
        UUID subject = UUID.randomUUID();
        SecretKey made = keys.keyToWrite(subject).orElseThrow().secret();

        // were it read again once the period is up, the stored secret (changed behind its back) would come back
        jdbc.sql("UPDATE member_keys SET secret = :other WHERE subject_id = :id")
                .param("other", new byte[32]).param("id", subject).update();
        Thread.sleep(lookForErasures.multipliedBy(2).toMillis());
        assertThat(keys.keyOf(subject).map(MemberKey::secret)).contains(made);

        jdbc.sql("UPDATE member_keys SET secret = NULL, erased_at = now() WHERE subject_id = :id")
                .param("id", subject).update();
        await().atMost(lookForErasures.plusSeconds(5)).until(() -> keys.keyOf(subject).isEmpty());
    }

    @Test
    void aMemberWithoutAKeyYetIsAskedAgainSoTheKeyAnotherNodeMakesOpensHere() {
        UUID subject = UUID.randomUUID();
        assertThat(keys.keyOf(subject)).isEmpty();

        byte[] secret = new byte[32];
        secret[0] = 7;
        jdbc.sql("INSERT INTO member_keys (subject_id, secret) VALUES (:id, :secret)")
                .param("id", subject).param("secret", secret).update();

        assertThat(keys.keyOf(subject).map(MemberKey::secret))
                .hasValueSatisfying(key -> assertThat(key.getEncoded()).isEqualTo(secret));
    }

    @Test
    void aKeyMadeInATransactionIsItsOwnUntilItCommits() {
        UUID subject = UUID.randomUUID();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            SecretKey made = inTransaction().execute(status -> {
                SecretKey key = keys.keyToWrite(subject).orElseThrow().secret();
                assertThat(keys.keyOf(subject).map(MemberKey::secret)).as("in its transaction").contains(key);
                assertThat(join(other.submit(() -> keys.keyOf(subject)))).as("elsewhere, before the commit").isEmpty();
                return key;
            });
            assertThat(join(other.submit(() -> keys.keyOf(subject).map(MemberKey::secret)))).as("after the commit")
                    .contains(made);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aKeyMadeInATransactionIsSetAsideWhileAnotherRunsInItsPlace() {
        UUID subject = UUID.randomUUID();
        TransactionTemplate inItsPlace = inTransaction();
        inItsPlace.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            SecretKey made = inTransaction().execute(status -> {
                SecretKey key = keys.keyToWrite(subject).orElseThrow().secret();
                Optional<MemberKey> suspending = inItsPlace.execute(inner -> keys.keyOf(subject));
                assertThat(suspending).as("in a transaction suspending the one that made it").isEmpty();
                assertThat(keys.keyOf(subject).map(MemberKey::secret)).as("once that one resumes").contains(key);
                // had it been read back from the table rather than from the resumed transaction's own, the node
                // would remember it before the commit
                assertThat(join(other.submit(() -> keys.keyOf(subject)))).as("elsewhere, before the commit").isEmpty();
                return key;
            });
            assertThat(keys.keyOf(subject).map(MemberKey::secret)).as("after the commit").contains(made);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aKeyMadeInATransactionRolledBackIsNeitherStoredNorRemembered() {
        UUID subject = UUID.randomUUID();
        inTransaction().executeWithoutResult(status -> {
            assertThat(keys.keyToWrite(subject)).isPresent();
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("SELECT count(*) FROM member_keys WHERE subject_id = :id").param("id", subject)
                .query(Long.class).single()).isZero();
        assertThat(keys.keyOf(subject)).isEmpty();
    }

    @Test
    void aSecondFirstWriterWaitsForTheFirstThenUsesItsKeyOrMakesItsOwn() throws Exception {
        for (boolean firstCommits : new boolean[] {true, false}) {
            UUID subject = UUID.randomUUID();
            ExecutorService writers = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch made = new CountDownLatch(1);
                CountDownLatch end = new CountDownLatch(1);
                Future<SecretKey> first = writers.submit(() -> inTransaction().execute(status -> {
                    SecretKey key = keys.keyToWrite(subject).orElseThrow().secret();
                    made.countDown();
                    awaitQuietly(end);
                    if (!firstCommits) {
                        status.setRollbackOnly();
                    }
                    return key;
                }));
                assertThat(made.await(10, TimeUnit.SECONDS)).isTrue();
                Future<SecretKey> second = writers.submit(() -> inTransaction().execute(status ->
                        keys.keyToWrite(subject).orElseThrow().secret()));
                Thread.sleep(500);
                assertThat(second.isDone()).as("the second writer waits at the primary key").isFalse();
                end.countDown();
                SecretKey firsts = join(first);
                SecretKey seconds = join(second);
                if (firstCommits) {
                    assertThat(seconds).isEqualTo(firsts);
                } else {
                    assertThat(seconds).isNotEqualTo(firsts);
                }
                assertThat(keys.keyOf(subject).map(MemberKey::secret)).contains(seconds);
            } finally {
                writers.shutdownNow();
            }
        }
    }

    private TransactionTemplate inTransaction() {
        return new TransactionTemplate(transactions);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
