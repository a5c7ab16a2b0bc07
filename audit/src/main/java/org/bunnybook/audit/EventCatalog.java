package org.bunnybook.audit;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.Sensitive;
import org.bunnybook.platform.eventstore.EventCriteria;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of the contract, found in {@code api-contracts} by its {@link Revision} (every event has one, and
 * nothing else does), with its current revision and fields. Read once: the contract is compiled in.
 */
@Component
public class EventCatalog {

    private static final String CONTRACTS = "org.bunnybook.api";

    private final List<EventType> types;
    private final Map<String, EventType> byName;

    EventCatalog() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        this.types = scanner.findCandidateComponents(CONTRACTS).stream()
                .map(BeanDefinition::getBeanClassName)
                .map(name -> ClassUtils.resolveClassName(name, EventCatalog.class.getClassLoader()))
                .map(EventCatalog::describe)
                .sorted(Comparator.comparing(EventType::name))
                .toList();
        this.byName = types.stream().collect(Collectors.toMap(EventType::type, Function.identity()));
    }

    public List<EventType> types() {
        return types;
    }

    /** The criteria with their event type named in full, if it was given by a simple name the catalog knows. */
    EventCriteria resolve(EventCriteria criteria) {
        String given = criteria.payloadType();
        if (given == null || given.contains(".")) {
            return criteria;
        }
        return types.stream().filter(type -> type.name().equals(given)).findFirst()
                .map(type -> criteria.withPayloadType(type.type()))
                .orElse(criteria);
    }

    /** Fields of an event type that are stored but never shown. */
    List<String> sensitiveFields(String type) {
        EventType known = byName.get(type);
        return known == null ? List.of() : known.fields().stream().filter(Field::sensitive).map(Field::name).toList();
    }

    private static EventType describe(Class<?> event) {
        RecordComponent[] components = event.isRecord() ? event.getRecordComponents() : new RecordComponent[0];
        return new EventType(event.getName(), event.getSimpleName(), event.getAnnotation(Revision.class).value(),
                Arrays.stream(components)
                        .map(component -> new Field(component.getName(), simpleTypeName(component),
                                component.isAnnotationPresent(Sensitive.class)))
                        .toList());
    }

    /** {@code java.util.Map<java.lang.String, java.lang.String>} read as {@code Map<String, String>}. */
    private static String simpleTypeName(RecordComponent component) {
        return component.getGenericType().getTypeName().replaceAll("\\b[a-z][a-z0-9_]*\\.", "")
                .replaceAll("\\b[A-Z]\\w*\\$", "");
    }

    /** One event type: its class, short name, current revision and fields. */
    public record EventType(String type, String name, String revision, List<Field> fields) {
    }

    /** One field of an event; a sensitive one is stored but shown redacted. */
    public record Field(String name, String type, boolean sensitive) {
    }
}
