package org.bunnybook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The fault drill's HTTP client: JSON in and out, every failure turned into an answer the drill can count. */
final class ChaosHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Longer than any outage the drill makes: a request held through a stall must be able to finish after it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /**
     * What a request came to: an HTTP status and body, or {@code status} 0 and the failure ({@code timeout} or the
     * exception) when no answer came.
     */
    record Answer(int status, JsonNode body, String failure) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String text(String field) {
            return body.path(field).asText();
        }

        /** How the drill's table counts it: "2xx", "503", "HTTP 500", "timeout", "connection: …". */
        String outcome() {
            if (ok()) {
                return "2xx";
            }
            return status == 0 ? failure : status == 503 ? "503" : "HTTP " + status;
        }
    }

    Answer send(int port, String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = MissingNode.getInstance();
            if (response.body() != null && !response.body().isBlank()) {
                try {
                    json = JSON.readTree(response.body());
                } catch (IOException e) {
                    json = JSON.getNodeFactory().textNode(response.body());
                }
            }
            return new Answer(response.statusCode(), json, null);
        } catch (HttpTimeoutException e) {
            return new Answer(0, MissingNode.getInstance(), "timeout");
        } catch (IOException e) {
            return new Answer(0, MissingNode.getInstance(), "connection: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, MissingNode.getInstance(), "interrupted");
        }
    }
}
