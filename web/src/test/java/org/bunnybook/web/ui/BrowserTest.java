package org.bunnybook.web.ui;

import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test of the application through its web UI in a real browser: each test method may ask for {@link Visitors},
 * members at browsers of their own. Needs the built UI, so {@code -Dbunnybook.skipUi} leaves it out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@BunnybookTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
public @interface BrowserTest {
}
