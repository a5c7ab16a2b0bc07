package org.bunnybook.web.projection;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.bunnybook.platform.NotFound;
import org.bunnybook.platform.projection.DeadLetters;
import org.bunnybook.platform.projection.ProjectionRebuilds;
import org.bunnybook.platform.projection.ProjectionStatus;
import org.bunnybook.platform.projection.ProjectionStatuses;
import org.bunnybook.platform.projection.Rebuild;
import org.bunnybook.web.security.Member;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Operating the read models (admins only, by the security configuration): every processing group's status, rebuilds
 * from history, and parked events.
 */
@RestController
class ProjectionController {

    private final ProjectionStatuses statuses;
    private final ProjectionRebuilds rebuilds;
    private final DeadLetters deadLetters;

    ProjectionController(ProjectionStatuses statuses, ProjectionRebuilds rebuilds, DeadLetters deadLetters) {
        this.statuses = statuses;
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
    }

    @GetMapping("/web/admin/projections")
    List<ProjectionStatus> projections() {
        return statuses.all();
    }

    @GetMapping("/web/admin/projections/{name}")
    ProjectionStatus projection(@PathVariable String name) {
        return statuses.of(name).orElseThrow(() -> new NotFound("processing group " + name));
    }

    /** Starts a rebuild; its progress shows in the group's status. */
    @PostMapping("/web/admin/projections/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Rebuild rebuild(Member admin, @PathVariable String name) {
        return rebuilds.request(name, admin.profileId().toString());
    }

    /** Gives up on a rebuild that has not reset anything yet. */
    @DeleteMapping("/web/admin/projections/{name}/rebuild")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancelRebuild(@PathVariable String name) {
        rebuilds.cancel(name);
    }

    @GetMapping("/web/admin/projections/{name}/dead-letters")
    List<DeadLetters.ParkedEvent> deadLetters(@PathVariable String name,
                                              @RequestParam(defaultValue = "100")
                                              @Min(value = 1, message = "must be at least 1")
                                              @Max(value = 1000, message = "must be at most 1000") int limit) {
        return deadLetters.list(name, limit);
    }

    @PostMapping("/web/admin/projections/{name}/dead-letters/retry")
    DeadLetters.RetryOutcome retryAll(@PathVariable String name) {
        return deadLetters.retryAll(name);
    }

    @PostMapping("/web/admin/projections/{name}/dead-letters/{sequence}/retry")
    DeadLetters.RetryOutcome retry(@PathVariable String name, @PathVariable String sequence) {
        return deadLetters.retry(name, sequence);
    }

    @DeleteMapping("/web/admin/projections/{name}/dead-letters/{sequence}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void evict(@PathVariable String name, @PathVariable String sequence) {
        deadLetters.evict(name, sequence);
    }
}
