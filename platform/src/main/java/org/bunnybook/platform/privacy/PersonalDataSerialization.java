package org.bunnybook.platform.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon's serializers for what it stores (events, snapshots, dead letters, tokens, sagas), built as Axon's own
 * auto-configuration builds them (Jackson on the application's mapper, so timestamps are written alike) plus the
 * {@link PersonalDataModule}: the one place personal data is sealed and opened; classes of stored types are looked up
 * once ({@link ClassCachingJacksonSerializer}). The application's own mapper (HTTP,
 * pushes) stays without it. Declaring these beans makes Axon's auto-configuration build neither.
 */
@Configuration
class PersonalDataSerialization {

    @Bean
    @Primary
    Serializer serializer(RevisionResolver revisions, ObjectMapper json, PersonalDataCipher cipher) {
        return storing(revisions, json, cipher);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(RevisionResolver revisions, ObjectMapper json, PersonalDataCipher cipher) {
        return storing(revisions, json, cipher);
    }

    private static Serializer storing(RevisionResolver revisions, ObjectMapper json, PersonalDataCipher cipher) {
        // none of the options that Builder.build() applies itself (lenient reading, default typing, a class loader)
        return new ClassCachingJacksonSerializer(JacksonSerializer.builder()
                .revisionResolver(revisions)
                .converter(new ChainingConverter(PersonalDataSerialization.class.getClassLoader()))
                .objectMapper(json.copy().registerModule(new PersonalDataModule(cipher))));
    }
}
