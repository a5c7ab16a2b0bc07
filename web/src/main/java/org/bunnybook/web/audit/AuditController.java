package org.bunnybook.web.audit;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.ledger.FindLedgerCheckpoints;
import org.bunnybook.api.ledger.FindLedgerVerification;
import org.bunnybook.api.ledger.LedgerCheckpoint;
import org.bunnybook.api.ledger.LedgerVerificationJob;
import org.bunnybook.api.ledger.StartLedgerVerification;
import org.bunnybook.audit.AggregateStates;
import org.bunnybook.audit.AggregateStates.AggregateState;
import org.bunnybook.audit.AuditedEvent;
import org.bunnybook.audit.EventCatalog;
import org.bunnybook.audit.EventExport;
import org.bunnybook.audit.EventLog;
import org.bunnybook.platform.eventstore.EventCriteria;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.platform.eventstore.EventStoreHead;
import org.bunnybook.web.security.Member;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The history, for auditors and admins (the security configuration lets no one else in, and {@link AuditTrail}
 * records every use): events by filter, one aggregate's history and its state at any point, a streaming export, the
 * event catalog, and the ledger's checkpoints and verification. Every read is bounded: lists come a page at a time,
 * the export streams, and verification runs as a job whose progress is asked for.
 */
@RestController
class AuditController {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final EventLog log;
    private final EventCatalog catalog;
    private final AggregateStates states;
    private final QueryGateway queries;
    private final EventExport export;
    private final EventStoreHead head;

    AuditController(EventLog log, EventCatalog catalog, AggregateStates states, QueryGateway queries,
                    EventExport export, EventStoreHead head) {
        this.log = log;
        this.catalog = catalog;
        this.states = states;
        this.queries = queries;
        this.export = export;
        this.head = head;
    }

    /** Events in global order after position {@code after}; the last one's position asks for the next page. */
    @GetMapping("/web/audit/events")
    List<AuditedEvent> events(@Valid @ParameterObject EventFilter filter,
                              @RequestParam(defaultValue = "100") @Min(value = 1, message = "must be at least 1")
                              @Max(value = 1000, message = "must be at most 1000") int limit) {
        return log.page(withinYears(filter).criteria(), Long.MAX_VALUE, limit);
    }

    /**
     * The aggregate's events in its own order after sequence number {@code after} (exclusive; from its first event if
     * absent), at most {@code limit}. A full page links to the next one ({@code Link: <…>; rel="next"}), so a busy
     * conversation's history is read a page at a time instead of all at once.
     */
    @GetMapping("/web/audit/aggregates/{id}/events")
    ResponseEntity<List<AuditedEvent>> history(@PathVariable String id,
                                               @RequestParam(required = false) @PositiveOrZero Long after,
                                               @RequestParam(defaultValue = "1000")
                                               @Min(value = 1, message = "must be at least 1")
                                               @Max(value = 1000, message = "must be at most 1000") int limit) {
        List<AuditedEvent> history = log.history(id, after == null ? -1 : after, limit);
        if (history.isEmpty() && (after == null || log.aggregateType(id).isEmpty())) {
            throw ApiException.notFound();
        }
        var response = ResponseEntity.ok();
        if (history.size() == limit) {
            response.header(HttpHeaders.LINK, "<" + historyPath(id) + "?after="
                    + history.get(history.size() - 1).sequence() + "&limit=" + limit + ">; rel=\"next\"");
        }
        return response.body(history);
    }

    private static String historyPath(String id) {
        return UriComponentsBuilder.fromPath("/web/audit/aggregates/{id}/events")
                .buildAndExpand(id).encode().toUriString();
    }

    /** The aggregate's state after its events up to {@code sequence} and/or up to {@code at}; all of them if neither. */
    @GetMapping("/web/audit/aggregates/{id}/state")
    AggregateState state(@PathVariable String id,
                         @RequestParam(required = false) @PositiveOrZero Long sequence,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                         Instant at) {
        String aggregateType = log.aggregateType(id).orElseThrow(ApiException::notFound);
        return states.replay(id, aggregateType, sequence, at).orElseThrow(ApiException::notFound);
    }

    /**
     * The events matching the filter as NDJSON, one per line in global order, read and written a batch at a time so
     * memory stays flat however long the history. The export ends at the head the store had when it began (header
     * {@code X-Export-Head}): each line's {@code globalPosition} against it is the export's progress. The last line
     * is an {@link EventExport.End}; an export without one was cut short.
     */
    @GetMapping("/web/audit/export")
    void export(@Valid @ParameterObject EventFilter filter, HttpServletResponse response) throws IOException {
        EventCriteria criteria = withinYears(filter).criteria();
        long head = this.head.position();
        response.setContentType("application/x-ndjson");
        response.setHeader("X-Export-Head", Long.toString(head));
        response.setHeader("Content-Disposition", "attachment; filename=\"bunnybook-events.ndjson\"");
        export.write(criteria, head, response.getOutputStream());
    }

    /** PostgreSQL's timestamps end in the year 294276; the API takes the years 1 to 9999. */
    private static EventFilter withinYears(EventFilter filter) {
        requireYears("from", filter.from());
        requireYears("to", filter.to());
        return filter;
    }

    private static void requireYears(String parameter, Instant instant) {
        if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
            throw ApiException.invalid("query", parameter, "must be between the years 1 and 9999");
        }
    }

    @GetMapping("/web/audit/catalog")
    List<EventCatalog.EventType> catalog() {
        return catalog.types();
    }

    /** Checkpoints the ledger has published, oldest first, after chain position {@code after}. */
    @GetMapping("/web/audit/checkpoints")
    List<LedgerCheckpoint> checkpoints(@RequestParam(defaultValue = "0") @PositiveOrZero long after,
                                       @RequestParam(defaultValue = "100") @Min(value = 1, message = "must be at least 1")
                                       @Max(value = 1000, message = "must be at most 1000") int limit) {
        return queries.query(new FindLedgerCheckpoints(after, limit),
                ResponseTypes.multipleInstancesOf(LedgerCheckpoint.class)).join();
    }

    /**
     * Starts recomputing the ledger's chain over the events as stored now, against the checkpoints the caller kept, if
     * any: 202 with the job, which {@code Location} reports on. One runs at a time in the cluster: while one runs,
     * 409 with that one (and its {@code Location}) instead.
     */
    @PostMapping(value = "/web/audit/verify")
    ResponseEntity<LedgerVerificationJob> verify(Member auditor,
                                                 @RequestBody(required = false) @Valid VerifyRequest request) {
        var trusted = request == null ? List.<StartLedgerVerification.TrustedCheckpoint>of()
                : request.trustedCheckpoints();
        UUID id = UUID.randomUUID();
        LedgerVerificationJob job = queries.query(
                new StartLedgerVerification(id, auditor.profileId().toString(), trusted),
                LedgerVerificationJob.class).join();
        return ResponseEntity.status(job.verificationId().equals(id) ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT)
                .location(URI.create(VERIFICATIONS + job.verificationId()))
                .body(job);
    }

    private static final String VERIFICATIONS = "/web/audit/verify/";

    /**
     * A verification's progress ({@code entriesChecked} of {@code entriesTotal}) and, once finished, its report. Not
     * recorded as a consultation of its own ({@link AuditTrail}): starting it was, and polling it would record one
     * event a second.
     */
    @GetMapping(VERIFICATIONS + "{verificationId}")
    LedgerVerificationJob verification(@PathVariable UUID verificationId) {
        return queries.query(new FindLedgerVerification(verificationId),
                ResponseTypes.optionalInstanceOf(LedgerVerificationJob.class)).join()
                .orElseThrow(ApiException::notFound);
    }
}
