package org.bunnybook.web.ui;

import com.microsoft.playwright.Page;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pictures of the main pages as members see them, on a desktop and on a 390 px wide phone, written to
 * {@code target/screenshots/} for a person to look at; and a check that each fits the narrowest phone we support,
 * 360 px, without scrolling sideways (wide tables scroll inside their own box).
 */
final class Screenshots {

    static final Path FOLDER = Path.of("target", "screenshots");

    /** The innermost elements reaching past the screen's right edge, to say what to fix. */
    private static final String WIDER_THAN_SCREEN = """
            () => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' ' + Math.round(e.getBoundingClientRect().right))
                .join(', ')
            """;

    private Screenshots() {
    }

    /** Takes the page as it is now at both widths, checks it at 360 px, then gives it back its desktop size. */
    static void take(Page page, String name) {
        var desktop = page.viewportSize();
        shoot(page, name + "-desktop");
        page.setViewportSize(390, 844);
        shoot(page, name + "-390");
        page.setViewportSize(360, 740);
        page.waitForTimeout(150);
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue())
                .as("%s scrolls sideways at 360 px, past its right edge: %s", name, page.evaluate(WIDER_THAN_SCREEN))
                .isLessThanOrEqualTo(0);
        page.setViewportSize(desktop.width, desktop.height);
    }

    private static void shoot(Page page, String file) {
        page.waitForTimeout(150); // let the layout settle after a resize
        page.screenshot(new Page.ScreenshotOptions().setPath(FOLDER.resolve(file + ".png")).setFullPage(false));
    }
}
