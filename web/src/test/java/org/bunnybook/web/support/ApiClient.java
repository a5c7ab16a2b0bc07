package org.bunnybook.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An HTTP client as a browser or script would be: it keeps the cookies it is sent (like a browser, it forgets one
 * when told to expire it) and comes from its own client address (sent as X-Forwarded-For through the trusted local
 * proxy), so tests do not share rate limits.
 */
public class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;
    private final String clientAddress;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String bearer;

    public ApiClient(int port) {
        this(port, randomAddress());
    }

    /** A client at the given address (several clients may share one, as a household or an office does). */
    public ApiClient(int port, String clientAddress) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.clientAddress = clientAddress;
    }

    public static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    public ApiClient bearer(String accessToken) {
        this.bearer = accessToken;
        return this;
    }

    public String accessToken() {
        return bearer;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public ApiClient cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path, Map<String, ?> body) {
        return post(path, toJson(body));
    }

    public Response put(String path, Map<String, ?> body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    public Response send(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).method(method, body);
        headers.forEach(builder::setHeader);
        return send(builder);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("X-Forwarded-For", clientAddress);
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        if (!cookies.isEmpty()) {
            builder.header("Cookie", String.join("; ",
                    cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            List<String> setCookies = response.headers().allValues("Set-Cookie");
            setCookies.forEach(this::remember);
            return new Response(response.statusCode(), response.body(), setCookies,
                    response.headers().firstValue("Content-Type").orElse(""), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void remember(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    public static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Response(int status, byte[] bytes, List<String> setCookies, String contentType,
                           java.net.http.HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text(), e);
            }
        }

        public String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String cookie(String name) {
            return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
        }
    }
}
