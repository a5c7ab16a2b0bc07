package org.bunnybook.web.post;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.bunnybook.api.post.Privacy;

import java.util.UUID;

/** Without a wall the post goes on one's own; without a privacy it is PUBLIC. */
public record CreatePostRequest(
        @NotNull(message = "field required")
        @Size(min = 1, max = 4096, message = "must be 1 to 4096 characters") String content,
        @JsonAlias("wall_profile_id") UUID wallProfileId,
        Privacy privacy) {
}
