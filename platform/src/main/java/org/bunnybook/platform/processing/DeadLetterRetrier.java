package org.bunnybook.platform.processing;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives every parked event another try now and then. Many failures are passing (a store restarting, the JVM shutting
 * down mid-event) and heal by themselves this way; a poisoned event simply fails again and stays parked, visible to
 * operators. Each sequence of a group is tried at most once a round, oldest first.
 */
@Component
public class DeadLetterRetrier {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetrier.class);

    private final EventProcessingConfiguration processing;

    DeadLetterRetrier(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Scheduled(fixedDelayString = "${bunnybook.dead-letters.retry-interval:60s}",
            initialDelayString = "${bunnybook.dead-letters.retry-interval:60s}")
    void retryParkedEvents() {
        for (String group : processing.eventProcessors().keySet()) {
            long healed = retry(group);
            if (healed > 0) {
                log.info("{} parked event sequence(s) of {} processed on retry", healed, group);
            }
        }
    }

    /**
     * Tries every parked sequence of the group once, oldest first; answers how many were processed. Only where the
     * group runs: a group stopped for a rebuild is about to replay its parked events with the rest of its history.
     */
    public long retry(String group) {
        if (!processing.eventProcessor(group).map(EventProcessor::isRunning).orElse(false)) {
            return 0;
        }
        return processing.deadLetterQueue(group).flatMap(queue -> processing.sequencedDeadLetterProcessor(group)
                .map(letters -> {
                    long sequences = queue.amountOfSequences();
                    long healed = 0;
                    for (long attempt = 0; attempt < sequences; attempt++) {
                        if (processed(group, letters)) {
                            healed++;
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
