package org.bunnybook.web.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

import java.io.IOException;

/**
 * Every string in a JSON request body follows {@link StorableText}, whatever record it is bound to. Only request
 * bodies: the application's own mapper also reads what the stores hold, which must stay readable as it is.
 */
@Configuration(proxyBeanMethods = false)
class StorableJsonStrings {

    @Bean
    MappingJackson2HttpMessageConverter storableTextJsonConverter(ObjectMapper json) {
        return new MappingJackson2HttpMessageConverter(json.copy().registerModule(
                new SimpleModule("storable-text").addDeserializer(String.class, new Strings())));
    }

    /** Refused with the field's path, so the 422 names the field ({@code ApiExceptionHandler}). */
    static final class UnstorableText extends JsonMappingException {
        UnstorableText(JsonParser parser) {
            super(parser, StorableText.RULE);
        }
    }

    private static final class Strings extends StdScalarDeserializer<String> {

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && !StorableText.isStorable(text)) {
                throw new UnstorableText(parser);
            }
            return text;
        }
    }
}
