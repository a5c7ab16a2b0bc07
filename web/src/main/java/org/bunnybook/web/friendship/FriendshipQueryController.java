package org.bunnybook.web.friendship;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.block.Blocking;
import org.bunnybook.api.block.FindBlocking;
import org.bunnybook.api.friendship.FindFriendRequests;
import org.bunnybook.api.friendship.FindFriendSuggestions;
import org.bunnybook.api.friendship.FindFriends;
import org.bunnybook.api.friendship.FindMutualFriends;
import org.bunnybook.api.friendship.FindRelationship;
import org.bunnybook.api.friendship.Relationship;
import org.bunnybook.web.security.Member;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Friends, requests, mutual friends, suggestions and relationships; pages are A→Z after {@code username_gt}. */
@RestController
class FriendshipQueryController {

    private final QueryGateway queries;

    FriendshipQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/web/profiles/{id}/friends")
    List<FriendSummary> friends(@Parameter(hidden = true) Optional<Member> viewer, @PathVariable UUID id,
                                 @RequestParam(name = "username_gt", required = false)
                                 @Size(max = 32, message = "must be at most 32 characters") String usernameGt,
                                 @RequestParam(defaultValue = "20")
                                 @Min(value = 1, message = "must be at least 1")
                                 @Max(value = 50, message = "must be at most 50") int limit) {
        boolean own = viewer.map(member -> member.profileId().equals(id)).orElse(false);
        Blocking blocking = queries.query(new FindBlocking(viewer.map(Member::profileId).orElse(null), id),
                ResponseTypes.instanceOf(Blocking.class)).join();
        if (blocking.either()) {
            return List.of(); // a member's friends are among the details a block hides, both ways
        }
        return profiles(new FindFriends(id, usernameGt, limit)).stream()
                .map(friend -> own ? FriendSummary.ofMine(id, friend) : FriendSummary.of(friend))
                .toList();
    }

    @GetMapping("/web/profiles/{me}/friends/{other}/mutual_friends")
    List<ProfileSummary> mutualFriends(Member member, @PathVariable UUID me, @PathVariable UUID other,
                                       @RequestParam(name = "username_gt", required = false)
                                       @Size(max = 32, message = "must be at most 32 characters") String usernameGt,
                                       @RequestParam(defaultValue = "20")
                                       @Min(value = 1, message = "must be at least 1")
                                       @Max(value = 50, message = "must be at most 50") int limit) {
        member.mustBe(me);
        return profiles(new FindMutualFriends(me, other, usernameGt, limit));
    }

    @GetMapping("/web/profiles/{me}/friend_suggestions")
    List<ProfileSummary> suggestions(Member member, @PathVariable UUID me,
                                     @RequestParam(name = "username_gt", required = false)
                                     @Size(max = 32, message = "must be at most 32 characters") String usernameGt,
                                     @RequestParam(defaultValue = "20")
                                     @Min(value = 1, message = "must be at least 1")
                                     @Max(value = 50, message = "must be at most 50") int limit,
                                     @RequestParam(required = false)
                                     @Pattern(regexp = "username|mutual", message = "must be username or mutual")
                                     String sort) {
        member.mustBe(me);
        return profiles(new FindFriendSuggestions(me, usernameGt, limit, "mutual".equals(sort)));
    }

    @GetMapping("/web/profiles/{me}/friend_requests")
    List<ProfileSummary> requests(Member member, @PathVariable UUID me,
                                  @RequestParam(defaultValue = "outgoing")
                                  @Pattern(regexp = "incoming|outgoing", message = "must be incoming or outgoing")
                                  String direction,
                                  @RequestParam(name = "username_gt", required = false)
                                  @Size(max = 32, message = "must be at most 32 characters") String usernameGt,
                                  @RequestParam(defaultValue = "20")
                                  @Min(value = 1, message = "must be at least 1")
                                  @Max(value = 50, message = "must be at most 50") int limit) {
        member.mustBe(me);
        var which = FindFriendRequests.Direction.valueOf(direction.toUpperCase(Locale.ROOT));
        return profiles(new FindFriendRequests(me, which, usernameGt, limit));
    }

    /** A bare JSON string, from {@code a}'s point of view. */
    @GetMapping("/web/profiles/{a}/relationships/{b}")
    Relationship relationship(@PathVariable UUID a, @PathVariable UUID b) {
        return queries.query(new FindRelationship(a, b), ResponseTypes.instanceOf(Relationship.class)).join();
    }

    private List<ProfileSummary> profiles(Object query) {
        return queries.query(query, ResponseTypes.multipleInstancesOf(ProfileSummary.class)).join();
    }
}
