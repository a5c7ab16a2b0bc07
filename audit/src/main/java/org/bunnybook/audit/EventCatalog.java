package org.bunnybook.audit;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;
import org.bunnybook.api.Sensitive;
import org.bunnybook.platform.eventstore.EventCriteria;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
                                component.isAnnotationPresent(Sensitive.class), personalDataOf(component)))
                        .toList());
    }

    /**
     * Whose personal data the field is ({@link PersonalData}: the field naming its subject), or null; a list of
     * records is personal data if its records have personal fields ({@code ConversationOpened.members}).
     */
    private static String personalDataOf(RecordComponent component) {
        PersonalData marked = component.getAnnotation(PersonalData.class);
        if (marked != null) {
            return marked.subject();
        }
        if (component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return Arrays.stream(element.getRecordComponents())
                    .map(inner -> inner.getAnnotation(PersonalData.class))
                    .filter(Objects::nonNull)
                    .map(inner -> "each element's " + inner.subject())
                    .findFirst().orElse(null);
        }
        return null;
    }

    /** {@code java.util.Map<java.lang.String, java.lang.String>} read as {@code Map<String, String>}. */
    private static String simpleTypeName(RecordComponent component) {
        return component.getGenericType().getTypeName().replaceAll("\\b[a-z][a-z0-9_]*\\.", "")
                .replaceAll("\\b[A-Z]\\w*\\$", "");
    }

    /** One event type: its class, short name, current revision and fields. */
    public record EventType(String type, String name, String revision, List<Field> fields) {
    }

    /**
     * One field of an event; a sensitive one is stored but shown redacted; a personal one ({@code personalDataOf}
     * names the field holding its subject) is stored encrypted with its subject's key (docs/privacy.md).
     */
    public record Field(String name, String type, boolean sensitive, String personalDataOf) {
    }
}
