package org.bunnybook.web;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@BunnybookTest
class ApiDocsTest {

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
}
