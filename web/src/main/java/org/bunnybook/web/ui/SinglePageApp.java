package org.bunnybook.web.ui;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Serves the web UI built by Vite into {@code static/}. Its routes ({@code /profiles/…}, {@code /friends}, …) exist
 * only in the browser, so a page address that is no file answers the UI's {@code index.html}, and a reload lands on
 * the same page. The API, the socket, the docs and anything that looks like a file keep their own 404.
 */
@Configuration
class SinglePageApp implements WebMvcConfigurer {

    private static final List<String> SERVER_PATHS = List.of("web", "ws", "docs", "actuator", "v3", "swagger-ui");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Vite puts a content hash in every asset's name: a changed file is a new name, so assets are kept for good.
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/**")
                .addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new PageOrFile());
    }

    private static final class PageOrFile extends PathResourceResolver {
        @Override
        protected Resource getResource(String path, Resource location) throws IOException {
            Resource file = path.isEmpty() ? null : super.getResource(path, location);
            if (file != null) {
                return file;
            }
            Resource index = new ClassPathResource("static/index.html");
            return isPage(path) && index.exists() ? index : null;
        }

        private static boolean isPage(String path) {
            return !path.contains(".")
                    && SERVER_PATHS.stream().noneMatch(server -> path.equals(server) || path.startsWith(server + "/"));
        }
    }
}
