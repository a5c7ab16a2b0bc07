package org.bunnybook.web.ui;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI's own routes answer its page, so a reload or a shared link lands where it should; the API, the socket and
 * anything that looks like a file keep their 404; hashed assets are cached for good, the page never.
 */
@BunnybookTest
@Tag("browser") // needs the built UI: left out by -Dbunnybook.skipUi
class SinglePageAppTest {

    @LocalServerPort
    int port;

    @Test
    void everyPageAddressAnswersTheUi() {
        ApiClient anonymous = new ApiClient(port);
        for (String page : new String[] {"/", "/profiles/4b0c3c2e-0000-4000-8000-000000000000", "/friends/requests",
                "/audit/events", "/websites", "/no-such-page"}) {
            var response = anonymous.get(page);
            assertThat(response.status()).as(page).isEqualTo(200);
            assertThat(response.contentType()).as(page).startsWith("text/html");
            assertThat(response.text()).as(page).contains("<div id=\"root\">");
            assertThat(response.header("Cache-Control")).as(page).contains("no-cache");
        }
    }

    @Test
    void serverPathsAndMissingFilesKeepTheirNotFound() {
        ApiClient anonymous = new ApiClient(port);
        for (String server : new String[] {"/web", "/web/no-such-endpoint", "/assets/missing.js", "/missing.png",
                "/docs/missing", "/v3", "/actuator/missing"}) {
            var response = anonymous.get(server);
            assertThat(response.status()).as(server).isIn(401, 404);
            assertThat(response.text()).as(server).doesNotContain("<div id=\"root\">");
        }
    }

    @Test
    void hashedAssetsAreCachedForGood() {
        ApiClient anonymous = new ApiClient(port);
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(anonymous.get("/").text());
        assertThat(script.find()).as("the page loads its script from /assets").isTrue();

        var asset = anonymous.get(script.group(1));
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.contentType()).contains("javascript");
        assertThat(asset.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
    }
}
