package org.bunnybook.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@BunnybookTest
class ApiDocsTest {

    /** The written contract, read from the repository (tests run with {@code web/} as working directory). */
    private static final Path HTTP_API_DOC = Path.of("../docs/http-api.md");
    /** A route as the doc writes it: a code span holding a method, one space and a path, e.g. `GET /web/posts/{id}`. */
    private static final Pattern ROUTE = Pattern.compile("`(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (/[^`]*)`");
    private static final Set<String> METHODS = Set.of("get", "head", "post", "put", "patch", "delete", "options");

    @LocalServerPort
    int port;

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        var document = new ApiClient(port).get("/docs/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("paths").has("/web/register")).isTrue();
        assertThat(document.json().get("paths").has("/web/login")).isTrue();
        assertThat(document.json().get("info").get("title").asText()).isEqualTo("Bunnybook-J");
        var docs = new ApiClient(port).get("/docs");
        assertThat(docs.status()).isEqualTo(302);
        assertThat(new ApiClient(port).get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    /** Query parameters bound to a record are documented one by one, by the names clients send. */
    @Test
    void pagedAndFilteredListsDocumentTheirQueryParameters() {
        var paths = new ApiClient(port).get("/docs/openapi.json").json().get("paths");
        assertThat(parameterNames(paths.get("/web/feed").get("get")))
                .containsExactlyInAnyOrder("older_than", "older_than_id", "limit");
        // the signed-in member, optional here, comes from the token: no parameter of the API
        assertThat(parameterNames(paths.get("/web/posts").get("get")))
                .containsExactlyInAnyOrder("wall_profile_id", "older_than", "older_than_id", "limit");
        assertThat(parameterNames(paths.get("/web/audit/events").get("get")))
                .contains("aggregate_id", "aggregate_type", "type", "actor", "from", "to", "after", "limit");
    }

    private static List<String> parameterNames(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.get("parameters").forEach(parameter -> names.add(parameter.get("name").asText()));
        return names;
    }

    /**
     * docs/http-api.md and the running application list the same routes: an endpoint added without a line in the doc,
     * or a line left behind for an endpoint that went (or was renamed), fails here.
     */
    @Test
    void theWrittenContractListsExactlyTheRoutesTheApplicationServes() throws IOException {
        Set<String> served = servedRoutes(new ApiClient(port).get("/docs/openapi.json").json());
        Set<String> written = writtenRoutes(Files.readString(HTTP_API_DOC));

        assertThat(served).as("routes in the OpenAPI document").isNotEmpty();
        assertThat(written).as("routes served but missing from " + HTTP_API_DOC).containsAll(served);
        assertThat(served).as("routes in " + HTTP_API_DOC + " that the application does not serve")
                .containsAll(written);
    }

    @Test
    void aRouteLineIsReadAsMethodAndPathAndNothingElse() {
        assertThat(writtenRoutes("""
                | `GET /web/posts/{id}` | optional | the post |
                | `DELETE /web/posts/{id}/likes` | auth | unlike |
                Prose with `code`, a `GET` alone and `older_than` is no route.
                """)).containsExactlyInAnyOrder("GET /web/posts/{id}", "DELETE /web/posts/{id}/likes");
    }

    /** "METHOD /path" for every operation of the OpenAPI document. */
    private static Set<String> servedRoutes(JsonNode openApi) {
        Set<String> routes = new TreeSet<>();
        openApi.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return routes;
    }

    /** "METHOD /path" for every route the doc writes, with its path exactly as written (no query string). */
    private static Set<String> writtenRoutes(String markdown) {
        Set<String> routes = new TreeSet<>();
        Matcher route = ROUTE.matcher(markdown);
        while (route.find()) {
            routes.add(route.group(1) + " " + route.group(2));
        }
        return routes;
    }
}
