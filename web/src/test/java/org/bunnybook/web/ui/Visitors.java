package org.bunnybook.web.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import java.util.ArrayList;
import java.util.List;

/**
 * The members at their browsers during one test. Each gets a browser context of their own: their own cookies, as on
 * their own computer. {@link BrowserExtension} hands one to each test that asks and closes it afterwards.
 */
final class Visitors implements AutoCloseable {

    private final Browser browser;
    private final String baseUrl;
    private final List<Page> pages = new ArrayList<>();

    Visitors(Browser browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    /** A new page in a new context: a member at their own desktop-sized browser window. */
    Page newVisitor() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setViewportSize(1280, 860));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        pages.add(page);
        return page;
    }

    /** Every visitor's page as it is now, for finding out why a test failed. */
    void photographEveryone(String name) {
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            if (!page.isClosed()) {
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(Screenshots.FOLDER.resolve("failed-" + name + "-" + (i + 1) + ".png")));
            }
        }
    }

    @Override
    public void close() {
        for (Page page : pages) {
            page.context().close();
        }
    }
}
