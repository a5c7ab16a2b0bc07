package org.bunnybook.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The read models (processing groups, see {@link ReadModels}) in which the sender of this command sees its effect
 * as soon as the command is acknowledged: read-your-writes waits, bounded, until they have processed the command's
 * events before it answers. Stated once per command type, on the command; a command without it answers as soon as
 * its events are stored.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReflectedIn {

    String[] value();
}
