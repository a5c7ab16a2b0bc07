package org.bunnybook.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.bunnybook.web.security.Member;
import org.bunnybook.web.security.Tokens;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The interactive API documentation served at {@code /docs}. */
@Configuration
class ApiDocsConfiguration {

    static {
        // the signed-in member comes from the token (MemberArgumentResolver), not from a parameter a client sends;
        // where it is optional (Optional<Member>), the parameter says so itself with @Parameter(hidden = true)
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Member.class, Tokens.AccessGrant.class);
    }

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
