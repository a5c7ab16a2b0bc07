package org.bunnybook.platform.processing;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.bunnybook.platform.StoreOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives every parked event another try now and then. Many failures are passing (a store restarting, the JVM shutting
 * down mid-event) and heal by themselves this way; a poisoned event simply fails again and stays parked, visible to
 * operators. Each sequence of a group is tried at most once a round, oldest first; a round of a group ends early when
 * its store still fails (see {@link #FAILURES_ENDING_A_ROUND}), so that a long outage, with thousands of sequences
 * parked, costs a few attempts a round rather than one for every sequence.
 */
@Component
public class DeadLetterRetrier {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetrier.class);
    /**
     * Failures in a row after which a periodic round of a group stops: its store is most likely still away, and every
     * other sequence would fail the same way. A failed sequence goes to the back of the queue (Axon touches it), so
     * the next round starts with others, and a few poisoned events cannot keep the rest from their turn for long.
     */
    static final int FAILURES_ENDING_A_ROUND = 10;

    private final EventProcessingConfiguration processing;

    DeadLetterRetrier(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Scheduled(fixedDelayString = "${bunnybook.dead-letters.retry-interval:60s}",
            initialDelayString = "${bunnybook.dead-letters.retry-interval:60s}")
    void retryParkedEvents() {
        for (String group : processing.eventProcessors().keySet()) {
            try {
                long healed = retry(group, FAILURES_ENDING_A_ROUND);
                if (healed > 0) {
                    log.info("{} parked event sequence(s) of {} processed on retry", healed, group);
                }
            } catch (RuntimeException e) {
                if (!StoreOutage.causedIt(e)) {
                    throw e;
                }
                // PostgreSQL down, or no connection free in a burst: the other groups' queues are in the same
                // database, and asking each would only wait out the pool's timeout again; the next round asks
                log.warn("cannot read the parked events ({}); trying again in the next round", e.toString());
                return;
            }
        }
    }

    /**
     * Tries every parked sequence of the group once, oldest first; answers how many were processed. Only where the
     * group runs: a group stopped for a rebuild is about to replay its parked events with the rest of its history.
     */
    public long retry(String group) {
        return retry(group, Long.MAX_VALUE);
    }

    /** Tries the group's parked sequences once each, oldest first, until {@code failuresInARow} failed in a row. */
    private long retry(String group, long failuresInARow) {
        if (!processing.eventProcessor(group).map(EventProcessor::isRunning).orElse(false)) {
            return 0;
        }
        return processing.deadLetterQueue(group).flatMap(queue -> processing.sequencedDeadLetterProcessor(group)
                .map(letters -> {
                    long sequences = queue.amountOfSequences();
                    long healed = 0;
                    long failedInARow = 0;
                    for (long attempt = 0; attempt < sequences && failedInARow < failuresInARow; attempt++) {
                        if (processed(group, letters)) {
                            healed++;
                            failedInARow = 0;
                        } else {
                            failedInARow++;
                        }
                    }
                    return healed;
                })).orElse(0L);
    }

    /**
     * Tries one parked sequence. Its handler's own failure keeps it parked inside Axon; what escapes (a collision with
     * another transaction, the database away) keeps it parked too, for the next round, instead of failing the caller.
     */
    private static boolean processed(String group, SequencedDeadLetterProcessor<EventMessage<?>> letters) {
        try {
            return letters.processAny();
        } catch (RuntimeException failed) {
            log.info("retrying a parked event of {} failed; it stays parked: {}", group, failed.getMessage());
            return false;
        }
    }
}
