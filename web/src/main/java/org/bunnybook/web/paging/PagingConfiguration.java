package org.bunnybook.web.paging;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.convert.ConversionService;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Controllers get their {@link PageParams} from {@link PageParamsResolver}. */
@Configuration
class PagingConfiguration implements WebMvcConfigurer {

    private final ConversionService conversions;

    /** Lazy: MVC's conversion service is built from the configurers, this one among them. */
    PagingConfiguration(@Lazy @Qualifier("mvcConversionService") ConversionService conversions) {
        this.conversions = conversions;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PageParamsResolver(conversions));
    }
}
