package org.bunnybook.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.bunnybook.api.PersonalData.Erased;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Seals one personal value with its subject's key (AES-256-GCM, a fresh 96-bit nonce each time, the subject's id as
 * associated data so a sealed value cannot be passed off as another member's) and opens it again. A sealed value is
 * a string of its own shape, readable without knowing where it sits:
 * <pre>pd1:&lt;m|t&gt;:&lt;subject id&gt;:&lt;base64(nonce | ciphertext | tag)&gt;</pre>
 * where {@code m}/{@code t} says which placeholder it reads as once the key is gone. A value sealed after its
 * subject was erased has an empty ciphertext part: it was never stored in the clear.
 */
@Component
public class PersonalDataCipher {

    static final String PREFIX = "pd1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MemberKeys keys;
    private final SecureRandom random = new SecureRandom();

    PersonalDataCipher(MemberKeys keys) {
        this.keys = keys;
    }

    public String seal(UUID subject, String value, Erased erasedAs) {
        String head = PREFIX + (erasedAs == Erased.MEMBER ? "m" : "t") + ":" + subject + ":";
        Optional<MemberKey> key = keys.keyToWrite(subject);
        if (key.isEmpty()) {
            return head;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            byte[] sealed = key.get().withCipher((cipher, secret) -> {
                cipher.init(Cipher.ENCRYPT_MODE, secret, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(subject.toString().getBytes(StandardCharsets.US_ASCII));
                return cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            });
            return head + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** Whether {@code value} is a sealed value (anything else is plain text, as events before encryption were). */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The value in the clear; the placeholder once its subject's key is gone (or if it does not open). */
    public String open(String value) {
        if (!isSealed(value)) {
            return value;
        }
        String[] parts = value.split(":", 4);
        if (parts.length != 4) {
            return Erased.TEXT.placeholder();
        }
        String placeholder = ("m".equals(parts[1]) ? Erased.MEMBER : Erased.TEXT).placeholder();
        try {
            UUID subject = UUID.fromString(parts[2]);
            Optional<MemberKey> key = parts[3].isEmpty() ? Optional.empty() : keys.keyOf(subject);
            if (key.isEmpty()) {
                return placeholder;
            }
            byte[] sealed = Base64.getDecoder().decode(parts[3]);
            byte[] opened = key.get().withCipher((cipher, secret) -> {
                cipher.init(Cipher.DECRYPT_MODE, secret, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
                cipher.updateAAD(subject.toString().getBytes(StandardCharsets.US_ASCII));
                return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            });
            return new String(opened, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException unreadable) {
            return placeholder; // altered by hand: the ledger names it; readers see no garbage
        }
    }

    /** Opens every sealed string in a JSON tree, in place (stored payloads as the audit shows them). */
    public JsonNode openAll(JsonNode tree) {
        if (tree instanceof ObjectNode object) {
            object.properties().forEach(field -> field.setValue(openAll(field.getValue())));
        } else if (tree instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, openAll(array.get(i)));
            }
        } else if (tree != null && tree.isTextual() && isSealed(tree.textValue())) {
            return TextNode.valueOf(open(tree.textValue()));
        }
        return tree;
    }
}
