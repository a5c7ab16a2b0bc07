package org.bunnybook.platform.eventstore;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one door to the tables Axon writes: {@code domain_event_entry}, {@code token_entry} and
 * {@code dead_letter_entry}. Everything else reads them through this class (or through Axon itself), so a change of
 * Axon's schema (a column renamed by a new Axon version, say) touches this file, {@link AxonStorageConfiguration}'s
 * schema beans and a Flyway migration, and nothing else.
 */
@Component
public class EventStoreTables {

    public static final String EVENTS = "domain_event_entry";
    public static final String SNAPSHOTS = "snapshot_event_entry";
    public static final String TOKENS = "token_entry";
    public static final String DEAD_LETTERS = "dead_letter_entry";

    /** Every stored event in global order with every column: the fastest full read of the history there is. */
    public static final String ALL_EVENTS_IN_ORDER = """
            SELECT e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type,
                   e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data
            FROM domain_event_entry e ORDER BY e.global_index""";

    /** PostgreSQL's COPY into the event table (text format, these columns in this order): bulk-writes a history. */
    public static final String COPY_EVENTS = """
            COPY domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,
                                     payload_revision, payload_type, time_stamp) FROM STDIN""";

    private static final String COLUMNS = """
            e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type, e.payload_type,
            e.payload_revision, e.time_stamp, e.payload, e.meta_data""";

    private static final RowMapper<StoredEvent> STORED_EVENT = (rs, row) -> new StoredEvent(
            rs.getLong("global_index"), rs.getString("event_identifier"), rs.getString("aggregate_identifier"),
            rs.getLong("sequence_number"), rs.getString("type"), rs.getString("payload_type"),
            rs.getString("payload_revision"), rs.getString("time_stamp"), rs.getBytes("payload"),
            rs.getBytes("meta_data"));

    private final JdbcClient jdbc;

    EventStoreTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- events ---

    /** The global positions of the given events, by event identifier; events not (yet) stored are absent. */
    public Map<String, Long> positionsOf(Collection<String> eventIdentifiers) {
        return jdbc.sql("SELECT event_identifier, global_index FROM domain_event_entry"
                        + " WHERE event_identifier = ANY (:ids)")
                .param("ids", eventIdentifiers.toArray(String[]::new))
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The stored events with these identifiers, by identifier, in one query (a processor's batch at once); events not
     * (yet) stored are absent.
     */
    public Map<String, StoredEvent> events(Collection<String> eventIdentifiers) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry e WHERE e.event_identifier = ANY (:ids)")
                .param("ids", eventIdentifiers.toArray(String[]::new))
                .query(STORED_EVENT).list().stream()
                .collect(Collectors.toMap(StoredEvent::eventIdentifier, event -> event));
    }

    /** The stored events at these global positions, in global order; positions with no event are absent. */
    public List<StoredEvent> eventsAt(Collection<Long> globalIndexes) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry e WHERE e.global_index = ANY (:positions)"
                        + " ORDER BY e.global_index")
                .param("positions", globalIndexes.toArray(Long[]::new))
                .query(STORED_EVENT).list();
    }

    /** The newest stored event whose type (its full class name) ends with {@code simpleTypeName}, if any. */
    public Optional<StoredEvent> newestOfType(String simpleTypeName) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry e WHERE e.payload_type LIKE :type"
                        + " ORDER BY e.global_index DESC LIMIT 1")
                .param("type", "%." + simpleTypeName)
                .query(STORED_EVENT).optional();
    }

    /**
     * The stored timestamp text of the first event after global position {@code position}, if there is one: how long
     * the oldest event a processing group has still to handle has been waiting.
     */
    public Optional<String> timestampAfter(long position) {
        return jdbc.sql("SELECT time_stamp FROM domain_event_entry WHERE global_index > :position"
                        + " ORDER BY global_index LIMIT 1")
                .param("position", position)
                .query(String.class).optional();
    }

    /** How many events are stored at or below global position {@code head}. */
    public long countUpTo(long head) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE global_index <= :head")
                .param("head", head).query(Long.class).single();
    }

    /** Up to {@code limit} events matching {@code criteria}, at or below global position {@code head}, in order. */
    public List<StoredEvent> events(EventCriteria criteria, long head, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String where = where(criteria, parameters);
        parameters.put("head", head);
        parameters.put("limit", limit);
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry e WHERE " + where
                        + " AND e.global_index <= :head ORDER BY e.global_index LIMIT :limit")
                .params(parameters)
                .query(STORED_EVENT).list();
    }

    /** Up to {@code limit} events of one aggregate after sequence number {@code afterSequence}, in its own order. */
    public List<StoredEvent> aggregateHistory(String aggregateId, long afterSequence, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry e WHERE e.aggregate_identifier = :id"
                        + " AND e.sequence_number > :after ORDER BY e.sequence_number LIMIT :limit")
                .param("id", aggregateId).param("after", afterSequence).param("limit", limit)
                .query(STORED_EVENT).list();
    }

    /**
     * The stored events whose payload or metadata holds {@code text} (a member's id), oldest first, locked until the
     * caller's transaction ends so that two erasures rewriting one event take turns. A scan of the whole table:
     * erasures are rare.
     */
    public List<StoredEvent> eventsMentioningForUpdate(String text) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry e"
                        + " WHERE position(convert_to(:text, 'UTF8') in e.payload) > 0"
                        + " OR position(convert_to(:text, 'UTF8') in e.meta_data) > 0"
                        + " ORDER BY e.global_index FOR UPDATE")
                .param("text", text)
                .query(STORED_EVENT).list();
    }

    /** Replaces one stored event's payload and metadata (only an erasure's redaction does this: docs/privacy.md). */
    public void rewrite(long globalIndex, byte[] payload, byte[] metaData) {
        jdbc.sql("UPDATE domain_event_entry SET payload = :payload, meta_data = :metaData WHERE global_index = :index")
                .param("payload", payload).param("metaData", metaData).param("index", globalIndex).update();
    }

    /** The aggregate type that wrote an aggregate's first event, if it has any. */
    public Optional<String> aggregateType(String aggregateId) {
        return jdbc.sql("SELECT type FROM domain_event_entry WHERE aggregate_identifier = :id"
                        + " ORDER BY sequence_number LIMIT 1")
                .param("id", aggregateId)
                .query(String.class).optional();
    }

    /** A condition on {@code domain_event_entry e} built from constants; the values go in as parameters. */
    private static String where(EventCriteria criteria, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        conditions.add("e.global_index > :after");
        parameters.put("after", criteria.after());
        add(conditions, parameters, "e.aggregate_identifier = :aggregateId", "aggregateId", criteria.aggregateId());
        add(conditions, parameters, "e.type = :aggregateType", "aggregateType", criteria.aggregateType());
        add(conditions, parameters, "e.payload_type = :type", "type", criteria.payloadType());
        // audit_actor and audit_instant (migration V12) read NULL from a row altered by hand instead of failing
        add(conditions, parameters, "audit_actor(e.meta_data) = :actor", "actor", criteria.actor());
        add(conditions, parameters, "audit_instant(e.time_stamp) >= :from", "from",
                criteria.from() == null ? null : criteria.from().atOffset(ZoneOffset.UTC));
        add(conditions, parameters, "audit_instant(e.time_stamp) < :to", "to",
                criteria.to() == null ? null : criteria.to().atOffset(ZoneOffset.UTC));
        return String.join(" AND ", conditions);
    }

    private static void add(List<String> conditions, Map<String, Object> parameters, String condition, String name,
                            Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.put(name, value);
        }
    }

    /** How many events are stored above global position {@code after} and at or below {@code upTo}. */
    public long countBetween(long after, long upTo) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE global_index > :after AND global_index <= :upTo")
                .param("after", after).param("upTo", upTo).query(Long.class).single();
    }

    /**
     * The first stored event above {@code after} and at or below {@code upTo}, leaving out the positions
     * {@code except}, if there is one.
     */
    public Optional<StoredEvent> firstBetween(long after, long upTo, Collection<Long> except) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry e WHERE e.global_index > :after"
                        + " AND e.global_index <= :upTo AND e.global_index <> ALL (:except)"
                        + " ORDER BY e.global_index LIMIT 1")
                .param("after", after).param("upTo", upTo).param("except", except.toArray(Long[]::new))
                .query(STORED_EVENT).optional();
    }

    /**
     * The first stored event at or below {@code upTo} whose position is not in {@code positionTable}'s
     * {@code global_index} column (a read model keyed by global position, such as the ledger's entries), if any.
     */
    public Optional<Long> firstMissingFrom(String positionTable, long upTo) {
        if (!positionTable.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + positionTable);
        }
        return jdbc.sql("SELECT e.global_index FROM domain_event_entry e WHERE e.global_index <= :upTo"
                        + " AND NOT EXISTS (SELECT 1 FROM " + positionTable + " t WHERE t.global_index = e.global_index)"
                        + " ORDER BY e.global_index LIMIT 1")
                .param("upTo", upTo).query(Long.class).optional();
    }

    // --- snapshots ---

    /**
     * Up to {@code limit} snapshots after the one of {@code afterAggregate} at {@code afterSequence} (null: from the
     * first), in the order of the table's key: read a page at a time, however many aggregates there are.
     */
    public List<StoredSnapshot> snapshots(String afterAggregate, long afterSequence, int limit) {
        return jdbc.sql("SELECT aggregate_identifier, sequence_number, type, payload_type, payload_revision, payload,"
                        + " meta_data FROM snapshot_event_entry"
                        + " WHERE CAST(:after AS text) IS NULL OR (aggregate_identifier, sequence_number) > (:after, :sequence)"
                        + " ORDER BY aggregate_identifier, sequence_number LIMIT :limit")
                .param("after", afterAggregate).param("sequence", afterSequence).param("limit", limit)
                .query((rs, row) -> new StoredSnapshot(rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBytes(6), rs.getBytes(7)))
                .list();
    }

    /**
     * Deletes every snapshot whose payload holds {@code text} (a member's id): the aggregates concerned are loaded
     * from their events next time, and snapshotted again later. Answers how many went.
     */
    public int deleteSnapshotsMentioning(String text) {
        return jdbc.sql("DELETE FROM snapshot_event_entry WHERE position(convert_to(:text, 'UTF8') in payload) > 0")
                .param("text", text).update();
    }

    // --- tokens ---

    /** The stored tokens of these processing groups, by group and segment, serialised as Axon stored them. */
    public List<TokenRow> tokens(Collection<String> processingGroups) {
        return jdbc.sql("SELECT processor_name, segment, token, token_type, owner FROM token_entry"
                        + " WHERE processor_name = ANY (:names) ORDER BY processor_name, segment")
                .param("names", processingGroups.toArray(String[]::new))
                .query((rs, row) -> new TokenRow(rs.getString("processor_name"), rs.getInt("segment"),
                        rs.getBytes("token"), rs.getString("token_type"), rs.getString("owner")))
                .list();
    }

    /** Whether any segment of the group holds a replay token, i.e. the group is being rebuilt. */
    public boolean replaying(String processingGroup) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM token_entry"
                        + " WHERE processor_name = :group AND token_type LIKE '%ReplayToken')")
                .param("group", processingGroup).query(Boolean.class).single();
    }

    /**
     * Forgets where a processing group has got to, as if it had never run: with no tokens, its processor starts over
     * from the first event. Only while the group's processor is stopped, or it would store its tokens again.
     */
    public int deleteTokens(String processingGroup) {
        return jdbc.sql("DELETE FROM token_entry WHERE processor_name = :group")
                .param("group", processingGroup).update();
    }

    /**
     * Locks the token rows of these processors until the caller's transaction ends (a processor storing or claiming
     * one of them waits meanwhile) and answers who holds each and since when.
     */
    public List<TokenClaim> lockTokens(Collection<String> processorNames) {
        return jdbc.sql("SELECT processor_name, segment, owner, timestamp FROM token_entry"
                        + " WHERE processor_name = ANY (:names) ORDER BY processor_name, segment FOR UPDATE")
                .param("names", processorNames.toArray(String[]::new))
                .query((rs, row) -> new TokenClaim(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Sets a segment's token, serialised as Axon stores it, and frees its claim. */
    public void storeToken(String processorName, int segment, byte[] token, String tokenType) {
        jdbc.sql("UPDATE token_entry SET token = :token, token_type = :type, owner = NULL"
                        + " WHERE processor_name = :name AND segment = :segment")
                .param("token", token).param("type", tokenType).param("name", processorName)
                .param("segment", segment).update();
    }

    /** A token row's claim: the node holding it (null: none) and when it last said so (ISO-8601, as Axon writes). */
    public record TokenClaim(String processorName, int segment, String owner, String timestamp) {
    }

    /** One row of the token store. */
    public record TokenRow(String processingGroup, int segment, byte[] token, String tokenType, String owner) {
    }

    // --- dead letters ---

    /** How many events each processing group has parked; groups with none are absent. */
    public Map<String, Long> parkedCounts() {
        return jdbc.sql("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The processing groups that have parked any of the given events. */
    public Set<String> groupsHavingParked(Collection<String> eventIdentifiers) {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT processing_group FROM dead_letter_entry"
                        + " WHERE event_identifier = ANY (:ids)")
                .param("ids", eventIdentifiers.toArray(String[]::new))
                .query(String.class).list());
    }

    /** Drops every event a processing group has parked. */
    public int deleteParked(String processingGroup) {
        return jdbc.sql("DELETE FROM dead_letter_entry WHERE processing_group = :group")
                .param("group", processingGroup).update();
    }

    /** Hands the events one processor parked over to another, which retries them from then on. */
    public int moveParked(String fromGroup, String toGroup) {
        return jdbc.sql("UPDATE dead_letter_entry SET processing_group = :to WHERE processing_group = :from")
                .param("from", fromGroup).param("to", toGroup).update();
    }

    /** The sequences a group has parked events of, as the JDBC dead-letter queue names them. */
    public Set<String> parkedSequences(String processingGroup) {
        return new HashSet<>(jdbc.sql("""
                        SELECT DISTINCT sequence_identifier FROM dead_letter_entry WHERE processing_group = :group""")
                .param("group", processingGroup).query(String.class).list());
    }

    /** A group's parked events, oldest sequence first and in order within each sequence. */
    public List<ParkedEventRow> parked(String processingGroup, int limit) {
        return jdbc.sql("""
                        SELECT sequence_identifier, sequence_index, event_identifier, payload_type,
                               aggregate_type, aggregate_identifier, sequence_number, enqueued_at, last_touched,
                               cause_type, cause_message
                        FROM dead_letter_entry WHERE processing_group = :group
                        ORDER BY enqueued_at, sequence_identifier, sequence_index LIMIT :limit""")
                .param("group", processingGroup).param("limit", limit)
                .query((rs, row) -> new ParkedEventRow(rs.getString("sequence_identifier"),
                        rs.getLong("sequence_index"), rs.getString("event_identifier"),
                        rs.getString("payload_type"), rs.getString("aggregate_type"),
                        rs.getString("aggregate_identifier"), (Long) rs.getObject("sequence_number"),
                        rs.getString("enqueued_at"), rs.getString("last_touched"),
                        rs.getString("cause_type"), rs.getString("cause_message")))
                .list();
    }

    /** One row of the dead-letter queue, timestamps as Axon stored them (ISO-8601 text). */
    public record ParkedEventRow(String sequence, long index, String eventId, String type, String aggregateType,
                                 String aggregateId, Long aggregateSequence, String enqueuedAt, String lastTouched,
                                 String causeType, String causeMessage) {
    }
}
