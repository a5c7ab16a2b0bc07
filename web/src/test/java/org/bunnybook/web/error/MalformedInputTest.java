package org.bunnybook.web.error;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;

/** However malformed the request, the answer is a 4xx with a JSON body saying why, never a 5xx. */
@BunnybookTest
class MalformedInputTest {

    @LocalServerPort
    int port;

    private ApiClient.Response post(String path, String body, String contentType) {
        return new ApiClient(port).send("POST", path, BodyPublishers.ofString(body),
                Map.of("Content-Type", contentType));
    }

    @Test
    void brokenJsonWrongTypesAndWrongShapesAre422() {
        for (String body : new String[]{"{", "not json", "[]", "null", "42", "{\"username\": {\"a\": 1}}",
                "{\"username\":\"ok\",\"email\":[1,2],\"password\":true}", "\u0000\u0001"}) {
            for (String path : new String[]{"/web/register", "/web/login"}) {
                var response = post(path, body, "application/json");
                assertThat(response.status()).as(path + " " + body).isEqualTo(422);
                assertThat(response.json().has("detail")).isTrue();
            }
        }
        var wrongType = post("/web/register", "{\"username\":[\"a\"]}", "application/json");
        assertThat(wrongType.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"username\"]");
    }

    @Test
    void badUuidsInPathsAre422() {
        for (String id : new String[]{"not-a-uuid", "1234", "%20", "'%20OR%201=1"}) {
            var response = new ApiClient(port).get("/web/profiles/" + id);
            assertThat(response.status()).as(id).isEqualTo(422);
            assertThat(response.json().get("detail").get(0).get("loc").toString())
                    .isEqualTo("[\"path\",\"id\"]");
        }
        assertThat(new ApiClient(port).get("/web/profiles/" + java.util.UUID.randomUUID()).json()
                .get("detail").asText()).isEqualTo("Not Found");
    }

    @Test
    void oversizedBodiesAre413WithOrWithoutADeclaredLength() {
        String huge = "{\"username\":\"" + "a".repeat(200_000) + "\"}";
        var declared = post("/web/register", huge, "application/json");
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("detail").asText()).isEqualTo("Payload Too Large");

        var chunked = new ApiClient(port).send("POST", "/web/register", chunkedBody(huge),
                Map.of("Content-Type", "application/json"));
        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    void otherMisusesAreClear4xx() {
        assertThat(post("/web/register", "username=a", "application/x-www-form-urlencoded").status()).isEqualTo(415);
        assertThat(post("/web/register", "<xml/>", "text/xml").status()).isEqualTo(415);
        assertThat(new ApiClient(port).get("/web/register").status()).isEqualTo(405);
        assertThat(new ApiClient(port).get("/web/no-such-route").json().get("detail").asText()).isEqualTo("Not Found");
        assertThat(new ApiClient(port).get("/web/profiles").status()).as("missing username_query").isEqualTo(422);
        assertThat(new ApiClient(port).get("/web/profiles?username_query=" + "a".repeat(100)).status())
                .isEqualTo(422);
        assertThat(new ApiClient(port).get("/web/avatar/" + "a".repeat(200)).status()).isEqualTo(422);
    }

    /** A body published without a length, so the server only learns its size by reading it. */
    private static java.net.http.HttpRequest.BodyPublisher chunkedBody(String body) {
        var fixed = BodyPublishers.ofString(body);
        return new java.net.http.HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                fixed.subscribe(subscriber);
            }
        };
    }
}
