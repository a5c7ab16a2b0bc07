package org.bunnybook.query.testing;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test of one read model on the real stores, without the application: a small Spring context holding the stores'
 * clients ({@link ReadModelTestConfiguration}) and the classes named here, typically a projection and its queries.
 * <pre>
 * &#64;ReadModelTest({AccountProjection.class, AccountQueries.class})
 * class AccountProjectionTest {
 *     &#64;Autowired ProjectionEvents events;
 *     &#64;Autowired AccountQueries queries;
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SpringExtension.class)
@ContextConfiguration(initializers = EmbeddedReadModelStores.class)
public @interface ReadModelTest {

    /** The read model's classes (components and configurations), beside the stores' clients. */
    @AliasFor(annotation = ContextConfiguration.class, attribute = "classes")
    Class<?>[] value() default {};
}
