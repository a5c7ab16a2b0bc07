package org.bunnybook.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault drill, short: three application nodes as processes of their own (the web module's exec jar, which the
 * build has packaged by the time this module is tested), one fault of each kind under a small load, and every check
 * of the full drill ({@code java -jar bench/target/bunnybook-bench.jar chaos}, README "Fault drill").
 */
class ChaosDrillTest {

    @Test
    void noAcknowledgedWriteIsLostAndEveryReadModelConvergesThroughEveryFault() {
        ChaosDrill.Result result = new ChaosDrill(new ChaosDrill.Plan(6, 4, false, Duration.ofSeconds(3),
                Duration.ofSeconds(8), Duration.ofSeconds(4), Path.of("../web/target/bunnybook-exec.jar"))).run();

        List<String> faults = List.of("kill -9 of node-2", "PostgreSQL restart", "Redis stopped 8 s",
                "Neo4j stopped 8 s", "PostgreSQL stalled 4 s (proxy)");
        assertThat(result.rows()).extracting(ChaosDrill.Row::fault).containsAll(faults);
        assertThat(result.rows()).filteredOn(row -> faults.contains(row.fault()))
                .allSatisfy(row -> assertThat(row.acked()).as("writes acknowledged during " + row.fault())
                        .isPositive());
        assertThat(result.lost()).as("acknowledged writes lost or stored twice").isZero();
        assertThat(result.chatsMissing()).as("acknowledged chat messages missing from the partner's history").isZero();
        assertThat(result.rebuildsThatDiffer()).as("read models that differ from their rebuild").isEmpty();
        assertThat(result.deadLetters()).as("dead letters").isZero();
        assertThat(result.ledgerIntact()).as("the ledger verifies").isTrue();
        assertThat(result.converged()).as("every read model caught up after every fault").isTrue();
        assertThat(result.unexpectedErrors()).as("answers other than 2xx, a clear 503 or one the kill cut off")
                .isEmpty();
        assertThat(result.took()).as("the whole drill").isLessThan(Duration.ofMinutes(15));
    }
}
