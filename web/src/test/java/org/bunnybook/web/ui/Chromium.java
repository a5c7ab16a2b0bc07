package org.bunnybook.web.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The machine's own headless Chromium, driven by Playwright (which is told not to download a browser of its own).
 * {@code -Dbunnybook.chromium=/path} points at another Chromium build. JUnit closes it when the run ends.
 */
final class Chromium implements ExtensionContext.Store.CloseableResource {

    static final Path EXECUTABLE = Path.of(System.getProperty("bunnybook.chromium", "/usr/bin/chromium"));

    private final Playwright playwright;
    private final Browser browser;

    Chromium() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("The browser tests need Chromium at " + EXECUTABLE
                    + " (Debian: apt-get install chromium), or -Dbunnybook.chromium=<path>");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                // the closed network here: no background connections, updates or sync that would be refused
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                        "--no-first-run", "--disable-component-update", "--disable-sync")));
    }

    /** Visitors of the application at {@code baseUrl}, for one test. */
    Visitors visitorsOf(String baseUrl) {
        return new Visitors(browser, baseUrl);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
