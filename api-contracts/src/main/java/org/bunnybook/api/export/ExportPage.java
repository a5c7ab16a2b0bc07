package org.bunnybook.api.export;

import java.util.List;

/**
 * Items of a section as JSON objects, in a stable order, and where the next page starts ({@code after}; null when
 * this was the last page).
 */
public record ExportPage(List<String> items, String after) {

    public ExportPage {
        items = List.copyOf(items);
    }
}
