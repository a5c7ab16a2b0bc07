package org.bunnybook.web.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends generated requests to every operation of the application's own OpenAPI document: bad and good ids, wrong
 * types, missing and extra fields, huge and tiny numbers, NUL, unpaired surrogates, right-to-left marks, long strings,
 * broken JSON, as nobody, a member, an auditor and with a forged token. Never a 5xx, never a stack trace in a body,
 * and the application is still healthy afterwards. Seeded, so a failure can be replayed.
 */
@BunnybookTest
class FuzzTest {

    private static final int REQUESTS = 10_000;
    private static final long SEED = 20261203L;
    /** Every character beyond ASCII as a JSON escape, so that unpaired surrogates reach the server as they are. */
    private static final ObjectWriter JSON = new ObjectMapper().writer()
            .with(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    /** Operations that would stop the test application's processors for everyone else: asked with bad input only. */
    private static final List<String> OPERATIONS_OF_STAFF = List.of("/web/admin/");

    @LocalServerPort
    int port;

    private static final Set<String> ENDING_OWN_SESSIONS = Set.of("POST /web/logout", "DELETE /web/sessions",
            "DELETE /web/me");

    @Test
    void tenThousandGeneratedRequestsNeverGetA5xxNorAStackTrace() throws Exception {
        JsonNode document = new ApiClient(port).get("/docs/openapi.json").json();
        Member member = Members.register(port, "Fuzzy");
        Member auditor = Staff.auditor(port);
        List<Operation> operations = operations(document);
        assertThat(operations).hasSizeGreaterThan(40);

        AtomicInteger sent = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            Random random = new Random(SEED + client);
            running.add(clients.submit(() -> {
                for (int i = 0; i < REQUESTS / 4; i++) {
                    Operation operation = operations.get(random.nextInt(operations.size()));
                    Generated request = generate(operation, document, random, member, auditor);
                    ApiClient.Response response = send(request);
                    sent.incrementAndGet();
                    statuses.computeIfAbsent(response.status(), status -> new AtomicInteger()).incrementAndGet();
                    if (response.status() >= 500 || response.text().contains("\tat ")
                            || response.text().contains("Exception")) {
                        failures.add(request + " -> " + response.status() + " " + response.text());
                    }
                }
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();

        System.out.printf("Fuzz: %,d requests sent to %d operations, %d answered with a 5xx or a stack trace%n",
                sent.get(), operations.size(), failures.size());
        System.out.println("Fuzz: answers by status " + statuses);
        assertThat(failures).as("requests answered with a 5xx or a stack trace").isEmpty();
        assertThat(sent.get()).isEqualTo(REQUESTS);
        // the requests got past the door: some were served, some refused as invalid input, some as unauthorized
        assertThat(statuses).containsKeys(200, 401, 403, 404, 422);
        assertThat(new ApiClient(port).get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
    }

    private record Operation(String method, String path, JsonNode spec) {
    }

    private record Generated(String method, String path, String body, String authorization) {
        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + (body.length() > 200 ? body.substring(0, 200)
                    + "…" : body)) + (authorization == null ? "" : " [" + authorization.substring(0, 12) + "…]");
        }
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    operations.add(new Operation(method.toUpperCase(), path.getKey(), path.getValue().get(method)));
                }
            }
        }
        return operations;
    }

    private Generated generate(Operation operation, JsonNode document, Random random, Member member, Member auditor) {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            String value = encoded(text(random, member));
            if (parameter.path("in").asText().equals("path")) {
                path = path.replace("{" + parameter.get("name").asText() + "}", value.isEmpty() ? "x" : value);
            } else if (parameter.path("in").asText().equals("query") && random.nextInt(4) > 0) {
                query.append(query.isEmpty() ? "?" : "&").append(parameter.get("name").asText()).append('=')
                        .append(value);
            }
        }
        if (random.nextInt(10) == 0) {
            query.append(query.isEmpty() ? "?" : "&").append("unexpected=").append(encoded(text(random, member)));
        }
        String body = operation.spec().has("requestBody") || random.nextInt(10) == 0
                ? body(operation.spec(), document, random, member) : null;
        boolean ofStaff = OPERATIONS_OF_STAFF.stream().anyMatch(path::startsWith);
        // logging out (or everywhere) with the fuzzer's own tokens would end the sessions the rest of the run needs
        boolean endsOwnSession = ENDING_OWN_SESSIONS.contains(operation.method() + " " + operation.path());
        String authorization = switch (endsOwnSession ? 3 * random.nextInt(2) : random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "Bearer " + member.client().accessToken();
            case 2 -> ofStaff ? null : "Bearer " + auditor.client().accessToken();
            default -> "Bearer " + forgedToken(random);
        };
        return new Generated(operation.method(), path + query, body, authorization);
    }

    private ApiClient.Response send(Generated request) {
        var publisher = request.body() == null ? BodyPublishers.noBody() : BodyPublishers.ofString(request.body());
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("Content-Type", "application/json");
        if (request.authorization() != null) {
            headers.put("Authorization", request.authorization());
        }
        return new ApiClient(port).send(request.method(), request.path(), publisher, headers);
    }

    /** Mostly the shape the operation documents, with values of every wrong kind; now and then no JSON at all. */
    private static String body(JsonNode operation, JsonNode document, Random random, Member member) {
        switch (random.nextInt(12)) {
            case 0:
                return "";
            case 1:
                return "{\"unterminated\": \"" + text(random, member);
            case 2:
                return "not json at all " + text(random, member);
            default:
                JsonNode schema = resolve(operation.at("/requestBody/content/application~1json/schema"), document);
                try {
                    return JSON.writeValueAsString(value(schema, document, random, member, 0));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode document) {
        if (schema.has("$ref")) {
            return document.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }

    private static JsonNode value(JsonNode schema, JsonNode document, Random random, Member member, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonNode resolved = resolve(schema, document);
        if (resolved.has("properties") && random.nextInt(5) > 0 && depth < 3) {
            ObjectNode object = nodes.objectNode();
            resolved.get("properties").fields().forEachRemaining(property -> {
                if (random.nextInt(5) > 0) {
                    object.set(property.getKey(), value(property.getValue(), document, random, member, depth + 1));
                }
            });
            if (random.nextInt(8) == 0) {
                object.put("extra", text(random, member));
            }
            return object;
        }
        if (resolved.path("type").asText().equals("array") && random.nextInt(3) > 0 && depth < 3) {
            ArrayNode array = nodes.arrayNode();
            int size = random.nextInt(4) == 0 ? 200 : random.nextInt(4);
            for (int i = 0; i < size; i++) {
                array.add(value(resolved.path("items"), document, random, member, depth + 1));
            }
            return array;
        }
        return switch (random.nextInt(9)) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.booleanNode(random.nextBoolean());
            case 2 -> nodes.numberNode(List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 2_147_483_648L)
                    .get(random.nextInt(5)));
            case 3 -> nodes.numberNode(List.of(1e308, -1e-308, 0.5).get(random.nextInt(3)));
            case 4 -> nodes.objectNode().put("nested", text(random, member));
            case 5 -> nodes.arrayNode().add(text(random, member));
            default -> nodes.textNode(text(random, member));
        };
    }

    /** Strings that have broken servers: ids good and bad, control characters, surrogates, directions, sizes. */
    private static String text(Random random, Member member) {
        return switch (random.nextInt(16)) {
            case 0 -> "";
            case 1 -> UUID.randomUUID().toString();
            case 2 -> member.id().toString();
            case 3 -> "not-a-uuid";
            case 4 -> "a\u0000b";
            case 5 -> "\ud800";
            case 6 -> "x\udc00y";
            case 7 -> "\u202Eevil\u202C \u200F\u061C";
            case 8 -> "🥕".repeat(1 + random.nextInt(2000));
            case 9 -> "a".repeat(70_000);
            case 10 -> "' OR 1=1 --";
            case 11 -> "../../etc/passwd";
            case 12 -> "-9999999999999999999999";
            case 13 -> "1e309";
            case 14 -> "USER";
            default -> "carrots-" + random.nextInt(1000);
        };
    }

    /** Percent-encoded so that the request line stays valid; kept under the container's header limit. */
    private static String encoded(String text) {
        String shortEnough = text.length() > 1_000 ? text.substring(0, 1_000) : text;
        return URLEncoder.encode(shortEnough, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String forgedToken(Random random) {
        return List.of("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "abc.def.ghi", "", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA")
                .get(random.nextInt(4));
    }
}
