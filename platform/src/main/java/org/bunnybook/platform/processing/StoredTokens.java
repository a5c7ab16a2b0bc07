package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The processing groups' tokens as the token store holds them, shared by every node: where each segment has got to
 * and which node holds it. Read without claiming anything, unlike the token store's own reads.
 */
@Component
public class StoredTokens {

    private final EventStoreTables tables;
    private final Serializer serializer;

    StoredTokens(EventStoreTables tables, Serializer serializer) {
        this.tables = tables;
        this.serializer = serializer;
    }

    /** The segments of one processing group, in segment order; empty if no node has started it yet. */
    public List<StoredToken> of(String processingGroup) {
        return of(List.of(processingGroup)).getOrDefault(processingGroup, List.of());
    }

    /**
     * The segments of each of these processing groups, in segment order, read at once; a group no node has started
     * yet is absent.
     */
    public Map<String, List<StoredToken>> of(Collection<String> processingGroups) {
        return tables.tokens(processingGroups).stream()
                .map(row -> new StoredToken(row.processingGroup(), row.segment(), token(row.token(), row.tokenType()),
                        row.owner()))
                .collect(Collectors.groupingBy(StoredToken::processingGroup, LinkedHashMap::new,
                        Collectors.toList()));
    }

    private TrackingToken token(byte[] bytes, String type) {
        return bytes == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }

    /** One segment's token (null before it handled anything) and the node holding it (null: none). */
    public record StoredToken(String processingGroup, int segment, TrackingToken token, String owner) {
    }
}
