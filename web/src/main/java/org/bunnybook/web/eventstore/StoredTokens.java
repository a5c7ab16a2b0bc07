package org.bunnybook.web.eventstore;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The processing groups' tokens as the token store holds them, shared by every node: where each segment has got to
 * and which node holds it. Read without claiming anything, unlike the token store's own reads.
 */
@Component
public class StoredTokens {

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final RowMapper<StoredToken> mapper;

    StoredTokens(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.mapper = (rs, row) -> new StoredToken(rs.getString("processor_name"), rs.getInt("segment"),
                token(rs.getBytes("token"), rs.getString("token_type")), rs.getString("owner"));
    }

    /** The segments of one processing group, in segment order; empty if no node has started it yet. */
    public List<StoredToken> of(String processingGroup) {
        return jdbc.sql("SELECT * FROM token_entry WHERE processor_name = :name ORDER BY segment")
                .param("name", processingGroup)
                .query(mapper)
                .list();
    }

    private TrackingToken token(byte[] bytes, String type) {
        return bytes == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }

    /** One segment's token (null before it handled anything) and the node holding it (null: none). */
    public record StoredToken(String processingGroup, int segment, TrackingToken token, String owner) {
    }
}
