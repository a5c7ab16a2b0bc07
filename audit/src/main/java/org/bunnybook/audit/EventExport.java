package org.bunnybook.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bunnybook.platform.eventstore.EventCriteria;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The event log as NDJSON, one event per line in global order, read and written a batch at a time so memory stays
 * flat however long the history. An export ends at a head fixed when it began; the last line is an {@link End}, so
 * an export without one was cut short (its HTTP status said 200 all the same).
 */
@Component
public class EventExport {

    private static final int BATCH = 1_000;

    private final EventLog log;
    private final ObjectMapper json;

    EventExport(EventLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
    }

    /** Writes the events matching {@code criteria} up to global position {@code head}, then the closing line. */
    public void write(EventCriteria criteria, long head, OutputStream out) throws IOException {
        long exported = 0;
        List<AuditedEvent> batch;
        do {
            batch = log.page(criteria, head, BATCH);
            for (AuditedEvent event : batch) {
                out.write(json.writeValueAsBytes(event));
                out.write('\n');
                exported++;
            }
            out.flush();
            if (!batch.isEmpty()) {
                criteria = criteria.after(batch.get(batch.size() - 1).globalPosition());
            }
        } while (batch.size() == BATCH);
        out.write(json.writeValueAsBytes(new End(true, exported, head)));
        out.write('\n');
    }

    /** The last line of a whole export: how many events it holds, up to which position. */
    public record End(boolean exportComplete, long events, long head) {
    }
}
