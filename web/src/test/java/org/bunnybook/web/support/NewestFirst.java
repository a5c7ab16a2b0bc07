package org.bunnybook.web.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a whole newest-first list through the API as a client pages it: each page after the last item seen, by its
 * {@code createdAt} and id ({@code older_than}, {@code older_than_id}), until a short page.
 */
public final class NewestFirst {

    /** More pages than any test list has: a cursor that never moves on fails instead of looping forever. */
    private static final int MAX_PAGES = 1_000;

    private NewestFirst() {
    }

    /**
     * Every item of the list, in the order served. {@code firstPage} holds the {@code limit} parameter; {@code idField}
     * names the id that goes with {@code createdAt} in the cursor.
     */
    public static List<JsonNode> all(ApiClient client, String firstPage, int limit, String idField) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = "";
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            var response = client.get(firstPage + cursor);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            JsonNode page = response.json();
            page.forEach(items::add);
            if (page.size() < limit) {
                return items;
            }
            JsonNode last = page.get(page.size() - 1);
            cursor = "&older_than=" + URLEncoder.encode(last.get("createdAt").asText(), StandardCharsets.UTF_8)
                    + "&older_than_id=" + last.get(idField).asText();
        }
        throw new AssertionError(firstPage + " never came to a short page");
    }
}
