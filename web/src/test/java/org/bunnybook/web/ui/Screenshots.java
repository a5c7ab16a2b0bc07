package org.bunnybook.web.ui;

import com.microsoft.playwright.Page;

import java.nio.file.Path;

/**
 * Pictures of the main pages as members see them, on a desktop and on a 390 px wide phone, written to
 * {@code target/screenshots/} for a person to look at.
 */
final class Screenshots {

    static final Path FOLDER = Path.of("target", "screenshots");

    private Screenshots() {
    }

    /** Takes the page as it is now at both widths, then gives it back its desktop size. */
    static void take(Page page, String name) {
        var desktop = page.viewportSize();
        shoot(page, name + "-desktop");
        page.setViewportSize(390, 844);
        shoot(page, name + "-390");
        page.setViewportSize(desktop.width, desktop.height);
    }

    private static void shoot(Page page, String file) {
        page.waitForTimeout(150); // let the layout settle after a resize
        page.screenshot(new Page.ScreenshotOptions().setPath(FOLDER.resolve(file + ".png")).setFullPage(false));
    }
}
