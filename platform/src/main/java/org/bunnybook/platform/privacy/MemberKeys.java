package org.bunnybook.platform.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Each member's AES-256 key, in {@code member_keys}. Keys are made in a transaction of their own, committed before the
 * event that needs them: a key that outlives a refused command is harmless, an event whose key was rolled back would
 * be unreadable. Keys read are remembered for {@code bunnybook.privacy.key-cache-ttl}; the node that erases a member
 * forgets their key at once, other nodes within that time (docs/privacy.md).
 */
@Component
public class MemberKeys {

    private static final int MAX_REMEMBERED = 100_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final KeyGenerator generator;
    private final Cache<UUID, Optional<SecretKey>> remembered;

    MemberKeys(JdbcClient jdbc, PlatformTransactionManager transactions,
               @Value("${bunnybook.privacy.key-cache-ttl:10s}") Duration ttl) throws NoSuchAlgorithmException {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.remembered = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_REMEMBERED).build();
        this.generator = KeyGenerator.getInstance("AES");
        this.generator.init(256);
    }

    /** The member's key, if they have one and were not erased. */
    public Optional<SecretKey> keyOf(UUID subject) {
        return remembered.get(subject, id -> jdbc.sql("SELECT secret FROM member_keys WHERE subject_id = :id")
                .param("id", id).query(byte[].class).optional()
                .map(secret -> new SecretKeySpec(secret, "AES")));
    }

    /** The key to encrypt the member's data with, made if they have none yet; empty once they are erased. */
    public Optional<SecretKey> keyToWrite(UUID subject) {
        Optional<SecretKey> key = keyOf(subject);
        if (key.isPresent()) {
            return key;
        }
        byte[] fresh = generator.generateKey().getEncoded();
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO member_keys (subject_id, secret) VALUES (:id, :secret)
                        ON CONFLICT (subject_id) DO NOTHING""")
                .param("id", subject).param("secret", fresh).update());
        remembered.invalidate(subject);
        return keyOf(subject); // ours, or the one a concurrent writer made first, or none if they were erased meanwhile
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
