package org.bunnybook.web.privacy;

import org.bunnybook.platform.privacy.MemberKey;
import org.bunnybook.platform.privacy.MemberKeys;
import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node remembers members' keys for as long as nobody erases them, and forgets one within
 * {@code bunnybook.privacy.key-cache-ttl} of its erasure by another node (docs/privacy.md). The other node is played
 * by writing its erasure straight into {@code member_keys}, for a subject of this test's own.
 */
@BunnybookTest
class MemberKeysTest {

    @Autowired
    MemberKeys keys;

    @Autowired
    JdbcClient jdbc;

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
}
