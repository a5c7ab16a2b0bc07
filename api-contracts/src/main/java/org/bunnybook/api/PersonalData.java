package org.bunnybook.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} field of an event (or of a record an event holds, or of an aggregate's snapshot) that
 * identifies a member or is theirs: it is stored encrypted with the key of the member named by {@link #subject()},
 * and once that member erased their account ({@link ErasesPersonalData}) it reads as {@link #erasedAs()}.
 * Encryption and decryption happen where events are (de)serialized, so aggregates and handlers see plain values.
 * The event catalog lists every marked field with its subject (docs/privacy.md).
 *
 * <pre>{@code
 * public record PostCreated(UUID postId, UUID authorId,
 *                           @PersonalData(subject = "authorId", erasedAs = Erased.MEMBER) String authorUsername,
 *                           @PersonalData(subject = "authorId") String content, ...)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {

    /** The name of the sibling field (a {@code UUID}, or its text) holding the profile id of the data's subject. */
    String subject();

    /** What the field reads as once its subject is erased. */
    Erased erasedAs() default Erased.TEXT;

    /** The placeholders of erased personal data. */
    enum Erased {
        /** A name: usernames wherever they are copied. */
        MEMBER("erased member"),
        /** Anything written or recorded about the member: content, emails, devices, hashes. */
        TEXT("[erased]");

        private final String placeholder;

        Erased(String placeholder) {
            this.placeholder = placeholder;
        }

        public String placeholder() {
            return placeholder;
        }

        /** Whether {@code value} is a placeholder of erased data (no member can be named so: usernames have no spaces). */
        public static boolean isPlaceholder(String value) {
            return MEMBER.placeholder.equals(value) || TEXT.placeholder.equals(value);
        }
    }
}
