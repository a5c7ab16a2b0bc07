package org.bunnybook.platform.integrity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The HMAC-SHA256 key that seals what the database must not be able to vouch for by itself: the ledger's checkpoints
 * and the aggregates' snapshots. It is configured outside the database ({@code bunnybook.integrity.key}, like the JWT
 * secret), so whoever can write to the database can change a sealed row but cannot seal the change.
 * <p>
 * Required outside the {@code local} profile. A local run without one keeps a key of its own in its data folder
 * ({@code integrity.key}, beside the embedded database it seals), so that checkpoints sealed yesterday still verify
 * today; an ephemeral run takes a random one.
 */
@Component
public class IntegrityKey {

    private static final Logger log = LoggerFactory.getLogger(IntegrityKey.class);
    private static final String ALGORITHM = "HmacSHA256";
    static final String PROPERTY = "bunnybook.integrity.key";

    private final SecretKeySpec key;

    IntegrityKey(Environment environment) {
        this.key = new SecretKeySpec(keyBytes(environment), ALGORITHM);
    }

    /** The seal of {@code parts} for one {@code purpose} (a seal made for one purpose never passes for another). */
    public byte[] seal(String purpose, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            update(mac, purpose.getBytes(StandardCharsets.UTF_8));
            for (byte[] part : parts) {
                update(mac, part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HMAC-SHA256", e);
        }
    }

    /** Whether {@code seal} is the seal of {@code parts} for {@code purpose}, compared in constant time. */
    public boolean holds(byte[] seal, String purpose, byte[]... parts) {
        return seal != null && MessageDigest.isEqual(seal, seal(purpose, parts));
    }

    /** Length-prefixed (-1 for null), so that no two different lists of parts feed the MAC the same bytes. */
    private static void update(Mac mac, byte[] part) {
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(part == null ? -1 : part.length).array());
        if (part != null) {
            mac.update(part);
        }
    }

    private static byte[] keyBytes(Environment environment) {
        String configured = environment.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException(PROPERTY + " must be at least 32 bytes long");
            }
            return bytes;
        }
        if (!environment.acceptsProfiles(Profiles.of("local"))) {
            throw new IllegalStateException("Set " + PROPERTY + " (BUNNYBOOK_INTEGRITY_KEY), at least 32 bytes");
        }
        boolean keptOnDisk = environment.getProperty("bunnybook.embedded.enabled", Boolean.class, false)
                && !environment.getProperty("bunnybook.embedded.ephemeral", Boolean.class, false);
        if (!keptOnDisk) {
            log.info("No {} set: using a random one; checkpoints sealed by this run verify only in this run", PROPERTY);
            return random();
        }
        return keptIn(Path.of(environment.getProperty("bunnybook.embedded.data-dir", "data"), "integrity.key"));
    }

    private static byte[] keptIn(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, HexFormat.of().formatHex(random()));
                log.info("No {} set: generated one in {}", PROPERTY, file.toAbsolutePath());
            }
            return Files.readString(file).trim().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the integrity key in " + file.toAbsolutePath(), e);
        }
    }

    private static byte[] random() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
