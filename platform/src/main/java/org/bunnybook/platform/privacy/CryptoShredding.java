package org.bunnybook.platform.privacy;

import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.bunnybook.api.ErasesPersonalData;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Deletes a member's key when the event that erases them ({@link ErasesPersonalData}) is published, and rewrites what
 * events from before encryption still hold of theirs in the clear ({@link PlaintextRedaction}): in the transaction
 * that appends it, so the erasure and its record commit together or not at all.
 */
@Component
class CryptoShredding implements MessageDispatchInterceptor<EventMessage<?>> {

    private final MemberKeys keys;
    private final PlaintextRedaction redaction;

    CryptoShredding(EventBus events, MemberKeys keys, PlaintextRedaction redaction) {
        this.keys = keys;
        this.redaction = redaction;
        events.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            ErasesPersonalData erases = event.getPayloadType().getAnnotation(ErasesPersonalData.class);
            if (erases != null) {
                UUID subject = subjectOf(event.getPayload(), erases.subject());
                keys.erase(subject);
                redaction.redact(subject, event.getIdentifier());
            }
            return event;
        };
    }

    private static UUID subjectOf(Object event, String field) {
        RecordComponent component = Arrays.stream(event.getClass().getRecordComponents())
                .filter(candidate -> candidate.getName().equals(field)).findFirst()
                .orElseThrow(() -> new IllegalStateException(event.getClass() + " has no field " + field));
        try {
            Object value = component.getAccessor().invoke(event);
            return value instanceof UUID id ? id : UUID.fromString(String.valueOf(value));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
