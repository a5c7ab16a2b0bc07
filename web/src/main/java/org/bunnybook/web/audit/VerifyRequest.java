package org.bunnybook.web.audit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.bunnybook.api.ledger.StartLedgerVerification.TrustedCheckpoint;

import java.time.Instant;
import java.util.List;

/**
 * Checkpoints an auditor kept outside the database: as {@code GET /web/audit/checkpoints} listed them, or exported
 * whole by {@code GET /web/audit/checkpoints/latest}, whose signature is then checked too.
 */
record VerifyRequest(@Size(max = 10_000, message = "at most 10000 checkpoints") List<@Valid @NotNull Checkpoint> checkpoints) {

    List<TrustedCheckpoint> trustedCheckpoints() {
        return checkpoints == null ? List.of()
                : checkpoints.stream().map(c -> new TrustedCheckpoint(c.position(), c.chainHash(), c.globalIndex(),
                        c.sealedAt(), c.signature())).toList();
    }

    /**
     * @param globalIndex with {@code sealedAt} and {@code signature}: an exported checkpoint, whole
     * @param signature   64 lower-case hex digits; the other two must come with it
     */
    record Checkpoint(@NotNull @Positive Long position,
                      @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex digits")
                      String chainHash,
                      @Positive Long globalIndex,
                      Instant sealedAt,
                      @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex digits")
                      String signature) {

        @AssertTrue(message = "a signed checkpoint needs its globalIndex and sealedAt, as it was exported")
        boolean isWhole() {
            return signature == null || globalIndex != null && sealedAt != null;
        }
    }
}
