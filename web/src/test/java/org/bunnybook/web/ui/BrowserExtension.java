package org.bunnybook.web.ui;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Launches Chromium once for the whole run (it takes seconds and every browser test can share it), gives each test
 * its own {@link Visitors} on the application's port, and after the test photographs their pages if it failed, then
 * closes them. The pictures are taken here rather than in a {@code TestWatcher}, which JUnit calls only after the
 * visitors have been closed.
 */
final class BrowserExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace BROWSER = ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Visitors.class;
    }

    @Override
    public Visitors resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Chromium chromium = context.getRoot().getStore(BROWSER)
                .getOrComputeIfAbsent(Chromium.class, type -> new Chromium(), Chromium.class);
        int port = SpringExtension.getApplicationContext(context).getEnvironment()
                .getRequiredProperty("local.server.port", Integer.class);
        return context.getStore(BROWSER).getOrComputeIfAbsent(Visitors.class,
                type -> chromium.visitorsOf("http://localhost:" + port), Visitors.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Visitors visitors = context.getStore(BROWSER).remove(Visitors.class, Visitors.class);
        if (visitors == null) {
            return;
        }
        try {
            if (context.getExecutionException().isPresent()) {
                visitors.photographEveryone(context.getRequiredTestMethod().getName());
            }
        } finally {
            visitors.close();
        }
    }
}
