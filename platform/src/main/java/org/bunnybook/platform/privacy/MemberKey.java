package org.bunnybook.platform.privacy;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A member's key as {@link MemberKeys} remembers it, with a cipher that held it last. Initialising a cipher with
 * another key than it last held expands the key again (AES's key schedule): with one cipher per thread, each value of
 * another member than the last, as a rebuild reads them, paid it; a cipher kept with its key skips it. Kept here
 * rather than in a map of their own, a value is opened with one lookup (docs/performance.md, "Personal data opened
 * with one lookup"), and the cipher, which holds a copy of the key, goes with it when the key is forgotten.
 */
public final class MemberKey {

    private final SecretKey secret;
    /** A cipher is not thread-safe: it is taken out while it works; a thread finding none makes another. */
    private final AtomicReference<Cipher> spare = new AtomicReference<>();

    MemberKey(SecretKey secret) {
        this.secret = secret;
    }

    public SecretKey secret() {
        return secret;
    }

    /** Runs {@code work} with a cipher that held this key last, if one is free, and keeps one for the next. */
    byte[] withCipher(CipherWork work) throws GeneralSecurityException {
        Cipher cipher = spare.getAndSet(null);
        if (cipher == null) {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
        }
        byte[] result = work.apply(cipher, secret);
        spare.set(cipher);
        return result;
    }

    @FunctionalInterface
    interface CipherWork {
        byte[] apply(Cipher cipher, SecretKey key) throws GeneralSecurityException;
    }
}
