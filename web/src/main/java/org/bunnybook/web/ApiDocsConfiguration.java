package org.bunnybook.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The interactive API documentation served at {@code /docs}. */
@Configuration
class ApiDocsConfiguration {

    @Bean
    OpenAPI bunnybookApi() {
        return new OpenAPI()
                .info(new Info().title("Bunnybook-J").version("1")
                        .description("The Bunnybook HTTP contract, served by an event-sourced backend."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
