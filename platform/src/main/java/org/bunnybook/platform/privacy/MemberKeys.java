package org.bunnybook.platform.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.bunnybook.platform.processing.ProjectionConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.KeyGenerator;
import javax.crypto.spec.SecretKeySpec;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Each member's AES-256 key, in {@code member_keys}. A key is made in the transaction that stores the first event
 * needing it, so the two commit together or not at all, and is seen by that transaction alone until then. (Made in a
 * transaction of its own, it held a second pooled connection while the command held its first: a burst of
 * registrations, each waiting for a second connection while holding one, emptied the pool for everyone;
 * docs/privacy.md.) A second writer of the same member's first key waits for the first's transaction at the
 * table's primary key, then uses its key, or makes one if it rolled back.
 * <p>
 * A key never changes once made; only an erasure takes it away. So keys read are remembered (as many as
 * {@value #MAX_REMEMBERED}, for at most {@link #REMEMBERED_AT_MOST}), and every {@code bunnybook.privacy.key-cache-ttl}
 * the node asks, in one query however many keys it holds, which members were erased lately, and forgets theirs: the
 * node that erases a member forgets their key at once, other nodes within that time (docs/privacy.md). Reading every
 * key again when that time was up instead cost one query per member and period: a quarter of a rebuild's time. Each
 * key is remembered with a cipher for it ({@link MemberKey}), about 0.9 KB once used (measured on JDK 17): at most
 * some 90 MB for the keys of {@value #MAX_REMEMBERED} members read within ten minutes.
 */
@Component
public class MemberKeys {

    private static final int MAX_REMEMBERED = 100_000;
    /**
     * How long a key is remembered however things go, and how far back each look for erasures reaches: an erasure
     * committed later than that after its statement ran (a transaction stalled for minutes) is still forgotten then.
     */
    static final Duration REMEMBERED_AT_MOST = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(MemberKeys.class);

    private final JdbcClient jdbc;
    private final KeyGenerator generator;
    private final Cache<UUID, Optional<MemberKey>> remembered;

    MemberKeys(JdbcClient jdbc) throws NoSuchAlgorithmException {
        this.jdbc = jdbc;
        // upkeep on the reading thread: handed to the common pool, it woke a thread of it every few reads
        // (docs/performance.md, "Personal data opened with one lookup")
        this.remembered = Caffeine.newBuilder().executor(Runnable::run)
                .expireAfterWrite(REMEMBERED_AT_MOST).maximumSize(MAX_REMEMBERED).build();
        this.generator = KeyGenerator.getInstance("AES");
        this.generator.init(256);
    }

    /** The member's key, if they have one and were not erased. */
    public Optional<MemberKey> keyOf(UUID subject) {
        Map<UUID, Optional<MemberKey>> madeHere = madeInThisTransaction();
        Optional<MemberKey> key = madeHere == null ? null : madeHere.get(subject);
        if (key == null) {
            // not made by this transaction: what is read is committed, and may be remembered
            key = remembered.get(subject, this::stored);
        }
        return key == null ? Optional.empty() : key;
    }

    /**
     * Their key, or empty once erased; {@code null} (remembered as nothing) while they have none yet: another node
     * may make it any moment, and its events must then open here.
     */
    private Optional<MemberKey> stored(UUID subject) {
        List<Optional<MemberKey>> rows = jdbc.sql("SELECT secret FROM member_keys WHERE subject_id = :id")
                .param("id", subject)
                .query((row, n) -> Optional.ofNullable(row.getBytes("secret"))
                        .map(secret -> new MemberKey(new SecretKeySpec(secret, "AES"))))
                .list();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Forgets the keys of members erased lately (by any node), so that this node stops reading their data. Looks
     * back {@link #REMEMBERED_AT_MOST}: an erasure is seen once it has committed, whenever its statement ran. When
     * the question cannot be asked, every key is forgotten: not knowing which were erased, none is trusted. So it is
     * asked on the processors' connections (the projections read most keys): a burst of commands holding every
     * connection of the commands' pool made the node forget every key, each then read again, one query a member.
     */
    @Scheduled(fixedDelayString = "${bunnybook.privacy.key-cache-ttl:10s}",
            initialDelayString = "${bunnybook.privacy.key-cache-ttl:10s}")
    public void forgetErased() {
        try {
            List<UUID> erased = ProjectionConnections.forProcessors(() -> jdbc.sql("""
                            SELECT subject_id FROM member_keys WHERE erased_at > now() - make_interval(secs => :back)""")
                    .param("back", REMEMBERED_AT_MOST.toSeconds())
                    .query(UUID.class).list());
            remembered.invalidateAll(erased);
        } catch (DataAccessException unreachable) {
            log.warn("cannot ask which members were erased ({}); forgetting every key", unreachable.getMessage());
            remembered.invalidateAll();
        }
    }

    /** The key to encrypt the member's data with, made if they have none yet; empty once they are erased. */
    public Optional<MemberKey> keyToWrite(UUID subject) {
        Optional<MemberKey> known = keyOf(subject);
        if (known.isPresent()) {
            return known;
        }
        byte[] fresh;
        synchronized (generator) { // a KeyGenerator is not made to be shared by threads
            fresh = generator.generateKey().getEncoded();
        }
        jdbc.sql("""
                        INSERT INTO member_keys (subject_id, secret) VALUES (:id, :secret)
                        ON CONFLICT (subject_id) DO NOTHING""")
                .param("id", subject).param("secret", fresh).update();
        // ours, or the one a concurrent writer committed first, or none if they were erased meanwhile
        Optional<MemberKey> key = Optional.ofNullable(stored(subject)).orElse(Optional.empty());
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            remembered.put(subject, key); // committed already
            return key;
        }
        Map<UUID, Optional<MemberKey>> madeHere = madeInThisTransaction();
        if (madeHere == null) {
            madeHere = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, madeHere);
            TransactionSynchronizationManager.registerSynchronization(new MadeInTransaction(madeHere));
        }
        madeHere.put(subject, key);
        return key;
    }

    /**
     * Keeps the keys a transaction made to itself: set aside while another transaction runs in its place on the
     * thread (which must not seal with keys that may yet be rolled back), and, once it ends, forgotten by the node
     * so that they are read again as committed, or not at all.
     */
    private final class MadeInTransaction implements TransactionSynchronization {

        private final Map<UUID, Optional<MemberKey>> made;

        MadeInTransaction(Map<UUID, Optional<MemberKey>> made) {
            this.made = made;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(MemberKeys.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(MemberKeys.this, made);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(MemberKeys.this);
            remembered.invalidateAll(made.keySet());
        }
    }

    /** The keys this thread's transaction made and has not committed yet, or null if it made none. */
    @SuppressWarnings("unchecked")
    private Map<UUID, Optional<MemberKey>> madeInThisTransaction() {
        return (Map<UUID, Optional<MemberKey>>) TransactionSynchronizationManager.getResource(this);
    }

    /** Deletes the member's key for good, in the caller's transaction (with the event that records it). */
    public void erase(UUID subject) {
        jdbc.sql("""
                        INSERT INTO member_keys (subject_id, secret, erased_at) VALUES (:id, NULL, now())
                        ON CONFLICT (subject_id) DO UPDATE SET secret = NULL, erased_at = coalesce(member_keys.erased_at, now())""")
                .param("id", subject).update();
        remembered.put(subject, Optional.empty());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    remembered.invalidate(subject); // committed: stays erased; rolled back: the key is read again
                }
            });
        }
    }
}
