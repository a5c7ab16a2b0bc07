package org.bunnybook.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the event that erases a member (crypto-shredding): when it is recorded, the key of the member named by
 * {@link #subject()} is deleted in the same transaction, so every {@link PersonalData} field of theirs, in every
 * stored event, snapshot and dead letter, reads as its placeholder from then on.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ErasesPersonalData {

    /** The name of the field holding the erased member's profile id. */
    String subject();
}
