package org.bunnybook.web.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The machine's own headless Chromium, driven by Playwright (which is told not to download a browser of its own).
 * Each member gets a browser context of their own: their own cookies, as on their own computer.
 * {@code -Dbunnybook.chromium=/path} points at another Chromium build.
 */
final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of(System.getProperty("bunnybook.chromium", "/usr/bin/chromium"));

    private final Playwright playwright;
    private final Browser browser;
    private final String baseUrl;
    private final List<Page> visitors = new ArrayList<>();

    Chromium(int port) {
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
        baseUrl = "http://localhost:" + port;
    }

    /** A new page in a new context: a member at their own desktop-sized browser window. */
    Page newVisitor() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setViewportSize(1280, 860));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        visitors.add(page);
        return page;
    }

    /** Every visitor's page as it is now, for finding out why a test failed. */
    void photographEveryone(String name) {
        for (int i = 0; i < visitors.size(); i++) {
            Page page = visitors.get(i);
            if (!page.isClosed()) {
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(Screenshots.FOLDER.resolve("failed-" + name + "-" + (i + 1) + ".png")));
            }
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
