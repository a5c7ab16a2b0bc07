package org.bunnybook.web.audit;

import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.ledger.FindLatestLedgerCheckpoint;
import org.bunnybook.api.ledger.LedgerCheckpoint;
import org.bunnybook.api.ledger.SealLedgerCheckpoint;
import org.bunnybook.web.error.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger's signed checkpoints for auditors to take away: one sealed on demand at the ledger's head, and the newest
 * as a file to keep outside the database. Handing that file back to {@code POST /web/audit/verify} proves the chain up
 * to it was not rewritten since, and a file whose signature does not hold is reported forged.
 */
@RestController
class LedgerCheckpointController {

    private final QueryGateway queries;

    LedgerCheckpointController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "Seals a signed checkpoint at the ledger's head now (201); 404 while nothing is chained")
    @PostMapping("/web/audit/checkpoints")
    ResponseEntity<LedgerCheckpoint> seal() {
        LedgerCheckpoint sealed = queries.query(new SealLedgerCheckpoint(),
                        ResponseTypes.optionalInstanceOf(LedgerCheckpoint.class)).join()
                .orElseThrow(ApiException::notFound);
        return ResponseEntity.status(HttpStatus.CREATED).body(sealed);
    }

    @Operation(summary = "The newest signed checkpoint, as a JSON file to keep outside the database; 404 if none")
    @GetMapping("/web/audit/checkpoints/latest")
    ResponseEntity<LedgerCheckpoint> latest() {
        LedgerCheckpoint latest = queries.query(new FindLatestLedgerCheckpoint(),
                        ResponseTypes.optionalInstanceOf(LedgerCheckpoint.class)).join()
                .orElseThrow(ApiException::notFound);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"bunnybook-ledger-checkpoint-" + latest.position() + ".json\"")
                .body(latest);
    }
}
