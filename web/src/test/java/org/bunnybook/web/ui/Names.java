package org.bunnybook.web.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** How the browser tests find things: by the exact accessible name a person reads, or by the text they see. */
final class Names {

    private Names() {
    }

    /** On the whole page. */
    static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    /** Within a part of the page. */
    static Locator.GetByRoleOptions namedWithin(String name) {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    static Locator.FilterOptions hasText(String text) {
        return new Locator.FilterOptions().setHasText(text);
    }
}
