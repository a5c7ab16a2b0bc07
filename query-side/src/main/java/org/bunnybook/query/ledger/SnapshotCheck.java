package org.bunnybook.query.ledger;

import org.bunnybook.api.ledger.LedgerReport.AlteredSnapshot;
import org.bunnybook.api.ledger.LedgerReport.Snapshots;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.eventstore.SnapshotSeals;
import org.bunnybook.platform.eventstore.StoredSnapshot;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Checks every stored snapshot's seal, a page at a time. Loading already ignores a snapshot whose seal does not hold
 * ({@link SnapshotSeals}); verification says so, so that an auditor learns that someone edited one.
 */
@Component
class SnapshotCheck {

    private static final int PAGE = 500;

    private final EventStoreTables tables;
    private final SnapshotSeals seals;

    SnapshotCheck(EventStoreTables tables, SnapshotSeals seals) {
        this.tables = tables;
        this.seals = seals;
    }

    Snapshots run() {
        long checked = 0;
        long altered = 0;
        long unsealed = 0;
        AlteredSnapshot firstAltered = null;
        String afterAggregate = null;
        long afterSequence = 0;
        List<StoredSnapshot> page;
        do {
            page = tables.snapshots(afterAggregate, afterSequence, PAGE);
            for (StoredSnapshot snapshot : page) {
                checked++;
                if (!SnapshotSeals.sealed(snapshot.metaData())) {
                    unsealed++;
                } else if (!seals.holds(snapshot.aggregateIdentifier(), snapshot.sequenceNumber(),
                        snapshot.aggregateType(), snapshot.payloadType(), snapshot.payloadRevision(),
                        snapshot.payload(), snapshot.metaData())) {
                    altered++;
                    if (firstAltered == null) {
                        firstAltered = new AlteredSnapshot(snapshot.aggregateIdentifier(), snapshot.sequenceNumber(),
                                snapshot.aggregateType());
                    }
                }
                afterAggregate = snapshot.aggregateIdentifier();
                afterSequence = snapshot.sequenceNumber();
            }
        } while (page.size() == PAGE);
        return new Snapshots(checked, altered, unsealed, firstAltered);
    }
}
