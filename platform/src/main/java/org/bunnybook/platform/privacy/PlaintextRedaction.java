package org.bunnybook.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.platform.command.RequestOrigin;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.eventstore.Fingerprints;
import org.bunnybook.platform.eventstore.StoredEvent;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rewrites, when a member is erased, what events stored before personal data was sealed still hold of theirs in
 * the clear: each such value becomes its placeholder in the stored event, and each rewrite is recorded, signed,
 * in {@link EventRedactions} so the ledger still verifies (docs/privacy.md). Runs in the erasure's own transaction
 * ({@link CryptoShredding}): the key, the plain values and the record of the rewrite go together or not at all.
 * <p>
 * Which values are theirs, in whatever revision the event was stored:
 * <ul>
 * <li>a field marked {@link PersonalData} on the event's class (or on a record it holds), found by its name at any
 * depth of the payload, whose sibling {@code subject} field names the member;</li>
 * <li>in any payload, a field {@code <x>Username} whose sibling {@code <x>Id} or {@code <x>ProfileId} names the
 * member: older revisions kept usernames under names today's classes no longer have ({@code PostCreated}'s
 * {@code wallUsername}, {@code ConversationOpened}'s {@code oneUsername} and {@code otherUsername});</li>
 * <li>in the metadata, the client address, if it is the member's ({@link AddressOwner}): addresses were stored in
 * the clear before {@link OriginAddressSealing}.</li>
 * </ul>
 * A sealed value ({@code pd1:...}) is left alone (the deleted key already makes it unreadable), and so is a
 * placeholder: a second run finds nothing to do, so a redelivered erasure does no harm.
 * <p>
 * Snapshots that mention the member are deleted rather than rewritten: a snapshot from before encryption holds their
 * name in the clear (a post's {@code authorUsername}), and a snapshot is only a shortcut, which the aggregate's
 * events replace (rewriting it would also break its seal).
 */
@Component
class PlaintextRedaction {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final EventStoreTables tables;
    private final EventRedactions redactions;
    private final Clock clock;
    private final Map<String, List<Mark>> marksByType = new ConcurrentHashMap<>();

    PlaintextRedaction(EventStoreTables tables, EventRedactions redactions, Clock clock) {
        this.tables = tables;
        this.redactions = redactions;
        this.clock = clock;
    }

    /** Rewrites the member's plain values in every stored event; answers how many events were rewritten. */
    int redact(UUID member, String erasureEventId) {
        tables.deleteSnapshotsMentioning(member.toString());
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int rewritten = 0;
        for (StoredEvent event : tables.eventsMentioningForUpdate(member.toString())) {
            // either may not be JSON, if not written by this application's serializer: nothing it knows how to read
            JsonNode payload = tree(event.payload());
            JsonNode metaData = tree(event.metaData());
            boolean payloadRedacted = payload != null
                    && redact(payload, marksOf(event.payloadType()), member.toString());
            boolean addressRedacted = redactAddress(metaData, member);
            if (!payloadRedacted && !addressRedacted) {
                continue;
            }
            StoredEvent redacted = new StoredEvent(event.globalIndex(), event.eventIdentifier(),
                    event.aggregateIdentifier(), event.sequenceNumber(), event.aggregateType(), event.payloadType(),
                    event.payloadRevision(), event.timeStamp(), payloadRedacted ? bytes(payload) : event.payload(),
                    addressRedacted ? bytes(metaData) : event.metaData());
            tables.rewrite(event.globalIndex(), redacted.payload(), redacted.metaData());
            redactions.record(event.globalIndex(), event.eventIdentifier(), Fingerprints.of(event),
                    Fingerprints.of(redacted), erasureEventId, at);
            rewritten++;
        }
        return rewritten;
    }

    /**
     * Rewrites, in place, the client address in an event's metadata if it is the member's ({@link AddressOwner}) and
     * in the clear (events stored before addresses were sealed); whether it did.
     */
    private static boolean redactAddress(JsonNode metaData, UUID member) {
        if (!(metaData instanceof ObjectNode origin) || !(origin.get(RequestOrigin.CLIENT_ADDRESS) instanceof
                TextNode address) || PersonalDataCipher.isSealed(address.textValue())
                || Erased.isPlaceholder(address.textValue())) {
            return false;
        }
        if (AddressOwner.of(origin.path(RequestOrigin.ACTOR).textValue()).filter(member::equals).isEmpty()) {
            return false;
        }
        origin.put(RequestOrigin.CLIENT_ADDRESS, Erased.TEXT.placeholder());
        return true;
    }

    private static JsonNode tree(byte[] json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    /** Rewrites, in place, the member's plain values in {@code node} and below; whether anything changed. */
    private static boolean redact(JsonNode node, List<Mark> marks, String member) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (Mark mark : marks) {
                changed |= replace(object, mark.field(), mark.subject(), mark.erasedAs(), member);
            }
            for (String name : fieldNames(object)) {
                if (name.endsWith("Username") && name.length() > "Username".length()) {
                    String prefix = name.substring(0, name.length() - "Username".length());
                    changed |= replace(object, name, prefix + "Id", Erased.MEMBER, member)
                            || replace(object, name, prefix + "ProfileId", Erased.MEMBER, member);
                }
            }
        }
        for (JsonNode child : node) {
            changed |= redact(child, marks, member);
        }
        return changed;
    }

    private static boolean replace(ObjectNode object, String field, String subject, Erased erasedAs, String member) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual() || PersonalDataCipher.isSealed(value.textValue())
                || value.textValue().equals(erasedAs.placeholder())
                || !member.equalsIgnoreCase(object.path(subject).asText())) {
            return false;
        }
        object.put(field, erasedAs.placeholder());
        return true;
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The marked fields of an event type and of the records it holds (none if the type is not on the classpath). */
    private List<Mark> marksOf(String payloadType) {
        return marksByType.computeIfAbsent(payloadType, type -> {
            List<Mark> marks = new ArrayList<>();
            try {
                collect(Class.forName(type), marks, new HashSet<>());
            } catch (ClassNotFoundException | LinkageError unknown) {
                // an event type no longer in the code: only the username rule applies
            }
            return List.copyOf(marks);
        });
    }

    private static void collect(Class<?> type, List<Mark> marks, Set<Class<?>> seen) {
        if (!type.isRecord() || !seen.add(type)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            PersonalData marked = component.getAnnotation(PersonalData.class);
            if (marked != null) {
                marks.add(new Mark(component.getName(), marked.subject(), marked.erasedAs()));
            }
            collect(component.getType(), marks, seen);
            if (component.getGenericType() instanceof ParameterizedType generic) {
                for (Type argument : generic.getActualTypeArguments()) {
                    if (argument instanceof Class<?> held) {
                        collect(held, marks, seen);
                    }
                }
            }
        }
    }

    private record Mark(String field, String subject, Erased erasedAs) {
    }
}
