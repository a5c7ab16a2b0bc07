package org.bunnybook.web.audit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.bunnybook.api.ledger.StartLedgerVerification.TrustedCheckpoint;

import java.util.List;

/** Checkpoints an auditor kept outside the database (as {@code GET /web/audit/checkpoints} published them). */
record VerifyRequest(@Size(max = 10_000, message = "at most 10000 checkpoints") List<@Valid @NotNull Checkpoint> checkpoints) {

    List<TrustedCheckpoint> trustedCheckpoints() {
        return checkpoints == null ? List.of()
                : checkpoints.stream().map(c -> new TrustedCheckpoint(c.position(), c.chainHash())).toList();
    }

    record Checkpoint(@NotNull @Positive Long position,
                      @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex digits")
                      String chainHash) {
    }
}
