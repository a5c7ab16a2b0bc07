package org.bunnybook.web.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.web.security.AccessMatrix.Role;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.RawStomp;
import org.bunnybook.web.support.RawStomp.Frame;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every route of the application, HTTP and STOMP, asked by each role, answers as the table below says. The routes come
 * from Spring itself (its request mappings and its {@code @MessageMapping} destinations), so a route added later
 * without a line in the table fails {@link #everyRouteOfTheApplicationHasAnEntry}, naming it.
 * <p>
 * "Owner" owns what the route names: {@code {me}}, {@code {id}} and {@code {a}} are the owner's profile, a post is the
 * owner's (visible to friends only), a chat is the owner's with the friend. Other path variables name the friend, or
 * what a route needs to succeed (see {@link #requests}). Roles ask in the order anonymous, other member, friend,
 * auditor, moderator, admin, owner: the owner, usually the one who succeeds, goes last, so that what it changes does
 * not change what the others were answered.
 */
@BunnybookTest
class AuthorizationMatrixTest {

    /** For STOMP: the CONNECT is refused. */
    private static final int REFUSED = 401;
    /** For STOMP: the frame is answered with an {@code error} push. */
    private static final int ERROR_PUSH = 403;
    /** For STOMP: the frame is served. */
    private static final int SERVED = 200;

    private static final AccessMatrix MATRIX = new AccessMatrix()
            // a line without a moderator's answer gives the moderator the other member's (AccessMatrix.route)
            //                                                                        anon other owner friend auditor admin
            .route("POST /web/register",                                              201, 201, 201, 201, 201, 201)
            .route("POST /web/login",                                                 200, 200, 200, 200, 200, 200)
            .route("POST /web/refresh",                                               401, 200, 200, 200, 200, 200)
            .route("POST /web/logout",                                                204, 204, 204, 204, 204, 204)
            .route("GET /web/me",                                                     401, 200, 200, 200, 200, 200)
            .route("GET /web/session",                                                401, 200, 200, 200, 200, 200)
            .route("GET /web/sessions",                                               401, 200, 200, 200, 200, 200)
            .route("DELETE /web/sessions/{id}",                                       401, 404, 204, 404, 404, 404)
            .route("DELETE /web/sessions",                                            401, 204, 204, 204, 204, 204)
            .route("PUT /web/me/password",                                            401, 204, 204, 204, 204, 204)
            // erasure has no target but the caller; asked with a wrong password so the table's members live on
            .route("DELETE /web/me",                                                  401, 403, 403, 403, 403, 403)
            .route("GET /web/me/export",                                              401, 200, 200, 200, 200, 200)
            .route("GET /web/profiles",                                               200, 200, 200, 200, 200, 200)
            .route("GET /web/profiles/{id}",                                          200, 200, 200, 200, 200, 200)
            .route("GET /web/avatar/{identifier}",                                    200, 200, 200, 200, 200, 200)
            .route("GET /web/avatars/{file}",                                         200, 200, 200, 200, 200, 200)
            .route("POST /web/profiles/{me}/outgoing_friend_requests/{target}",       401, 403, 201, 403, 403, 403)
            .route("DELETE /web/profiles/{me}/outgoing_friend_requests/{target}",     401, 403, 204, 403, 403, 403)
            .route("POST /web/profiles/{me}/friends/{requester}",                     401, 403, 201, 403, 403, 403)
            .route("DELETE /web/profiles/{me}/incoming_friend_requests/{requester}",  401, 403, 204, 403, 403, 403)
            .route("DELETE /web/profiles/{me}/friends/{friend}",                      401, 403, 204, 403, 403, 403)
            .route("GET /web/profiles/{id}/friends",                                  200, 200, 200, 200, 200, 200)
            .route("GET /web/profiles/{me}/friend_requests",                          401, 403, 200, 403, 403, 403)
            .route("GET /web/profiles/{me}/friends/{other}/mutual_friends",           401, 403, 200, 403, 403, 403)
            .route("GET /web/profiles/{me}/friend_suggestions",                       401, 403, 200, 403, 403, 403)
            .route("GET /web/profiles/{a}/relationships/{b}",                         200, 200, 200, 200, 200, 200)
            .route("GET /web/profiles/{me}/connection/{other}",                       401, 403, 200, 403, 403, 403)
            .route("PUT /web/profiles/{me}/blocks/{other}",                           401, 403, 204, 403, 403, 403)
            .route("DELETE /web/profiles/{me}/blocks/{other}",                        401, 403, 204, 403, 403, 403)
            .route("GET /web/profiles/{me}/blocks",                                   401, 403, 200, 403, 403, 403)
            .route("POST /web/posts",                                                 401, 403, 201, 201, 403, 403)
            .route("GET /web/posts",                                                  200, 200, 200, 200, 200, 200)
            .route("GET /web/posts/{id}",                                             403, 403, 200, 200, 403, 403)
            .route("DELETE /web/posts/{id}",                                          401, 403, 204, 403, 403, 403)
            .route("PATCH /web/posts/{id}",                                           401, 403, 200, 403, 403, 403)
            .route("PATCH /web/comments/{id}",                                        401, 403, 200, 403, 403, 403)
            .route("DELETE /web/comments/{id}",                                       401, 403, 204, 403, 403, 403)
            .route("POST /web/posts/{id}/comments",                                   401, 403, 201, 201, 403, 403)
            .route("GET /web/posts/{id}/comments",                                    403, 403, 200, 200, 403, 403)
            .route("POST /web/posts/{id}/likes",                                      401, 403, 200, 200, 403, 403)
            .route("DELETE /web/posts/{id}/likes",                                    401, 403, 200, 200, 403, 403)
            .route("GET /web/feed",                                                   401, 200, 200, 200, 200, 200)
            .route("GET /web/profiles/{me}/notifications",                            401, 403, 200, 403, 403, 403)
            .route("PATCH /web/profiles/{me}/notifications",                          401, 403, 200, 403, 403, 403)
            .route("POST /web/profiles/{me}/notifications/read",                      401, 403, 200, 403, 403, 403)
            .route("GET /web/chat/{chatGroupId}/messages",                            401, 403, 200, 200, 403, 403)
            .route("GET /web/profiles/{me}/conversations",                            401, 403, 200, 403, 403, 403)
            .route("GET /web/leaderboard",                                            401, 200, 200, 200, 200, 200)
            .route("GET /web/audit/events",                                           401, 403, 403, 403, 200, 200)
            .route("GET /web/audit/aggregates/{id}/events",                           401, 403, 403, 403, 200, 200)
            .route("GET /web/audit/aggregates/{id}/state",                            401, 403, 403, 403, 200, 200)
            .route("GET /web/audit/export",                                           401, 403, 403, 403, 200, 200)
            .route("GET /web/audit/catalog",                                          401, 403, 403, 403, 200, 200)
            .route("GET /web/audit/checkpoints",                                      401, 403, 403, 403, 200, 200)
            .route("POST /web/audit/checkpoints",                                     401, 403, 403, 403, 201, 201)
            .route("GET /web/audit/checkpoints/latest",                               401, 403, 403, 403, 200, 200)
            .route("POST /web/audit/verify",                                          401, 403, 403, 403, 202, 202)
            .route("GET /web/audit/verify/{verificationId}",                          401, 403, 403, 403, 200, 200)
            .route("GET /web/admin/projections",                                      401, 403, 403, 403, 403, 200)
            .route("GET /web/admin/projections/{name}",                               401, 403, 403, 403, 403, 200)
            .route("POST /web/admin/projections/{name}/rebuild",                      401, 403, 403, 403, 403, 404)
            .route("DELETE /web/admin/projections/{name}/rebuild",                    401, 403, 403, 403, 403, 404)
            .route("GET /web/admin/projections/{name}/dead-letters",                  401, 403, 403, 403, 403, 200)
            .route("POST /web/admin/projections/{name}/dead-letters/retry",           401, 403, 403, 403, 403, 200)
            .route("POST /web/admin/projections/{name}/dead-letters/{sequence}/retry", 401, 403, 403, 403, 403, 404)
            .route("DELETE /web/admin/projections/{name}/dead-letters/{sequence}",    401, 403, 403, 403, 403, 404)
            .route("GET /web/admin/profiles/{id}",                                    401, 403, 403, 403, 403, 200)
            .route("PUT /web/admin/profiles/{id}/role",                               401, 403, 403, 403, 403, 200)
            .route("DELETE /web/admin/profiles/{id}/sessions",                        401, 403, 403, 403, 403, 204)
            //                                                                        anon other owner friend auditor moderator admin
            .route("POST /web/reports",                                               401, 201, 201, 201, 201, 201, 201)
            .route("GET /web/admin/reports",                                          401, 403, 403, 403, 403, 200, 200)
            .route("GET /web/admin/reports/{id}",                                     401, 403, 403, 403, 403, 200, 200)
            .route("POST /web/admin/reports/{id}/hide",                               401, 403, 403, 403, 403, 200, 200)
            // the moderator, asking first, answers the reporter: answered once, the admin is told so
            .route("POST /web/admin/reports/{id}/answer",                             401, 403, 403, 403, 403, 200, 409)
            .route("ANY /error",                                                      404, 404, 404, 404, 404, 404)
            .route("GET /docs",                                                       302, 302, 302, 302, 302, 302)
            .route("GET /docs/openapi.json",                                          200, 200, 200, 200, 200, 200)
            .route("GET /docs/openapi.json.yaml",                                     200, 200, 200, 200, 200, 200)
            .route("GET /docs/openapi.json/swagger-config",                           200, 200, 200, 200, 200, 200)
            .route("SEND /app/ping",                                                  REFUSED, SERVED, SERVED, SERVED, SERVED, SERVED)
            .route("SEND /app/chat_message",                                          REFUSED, ERROR_PUSH, SERVED, SERVED, ERROR_PUSH, ERROR_PUSH)
            .route("SEND /app/is_typing",                                             REFUSED, ERROR_PUSH, SERVED, SERVED, ERROR_PUSH, ERROR_PUSH)
            .route("SEND /app/mark_chat_as_read",                                     REFUSED, ERROR_PUSH, SERVED, SERVED, ERROR_PUSH, ERROR_PUSH)
            .route("SEND /app/resume",                                                REFUSED, SERVED, SERVED, SERVED, SERVED, SERVED);

    /** The order roles ask in: the owner last (see the class comment). */
    private static final List<Role> ASKING_ORDER = List.of(Role.ANONYMOUS, Role.OTHER_MEMBER, Role.FRIEND,
            Role.AUDITOR, Role.MODERATOR, Role.ADMIN, Role.OWNER);
    private static final Duration ANSWER = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping httpRoutes;

    @Autowired
    SimpAnnotationMethodMessageHandler stompRoutes;

    @Test
    void everyRouteOfTheApplicationHasAnEntry() {
        String problems = MATRIX.problems(applicationRoutes());
        assertThat(problems).as("the authorization matrix and the application's routes disagree:%s", problems)
                .isNull();
    }

    /** The check itself: given one route more than the table has (as if added later), it names that route. */
    @Test
    void aRouteAddedWithoutAnEntryIsNamed() {
        Set<String> withANewRoute = new LinkedHashSet<>(MATRIX.routes());
        withANewRoute.add("DELETE /web/profiles/{me}/everything");
        assertThat(MATRIX.unlisted(withANewRoute)).containsExactly("DELETE /web/profiles/{me}/everything");
        assertThat(MATRIX.problems(withANewRoute))
                .contains("DELETE /web/profiles/{me}/everything has no entry in the authorization matrix");
        Set<String> withoutOne = new LinkedHashSet<>(MATRIX.routes());
        withoutOne.remove("GET /web/me");
        assertThat(MATRIX.problems(withoutOne)).contains("GET /web/me is in the authorization matrix but not in");
        assertThat(MATRIX.problems(MATRIX.routes())).isNull();
    }

    @Test
    void everyRouteAnswersEachRoleAsTheMatrixSays() {
        World world = new World();
        Map<String, Map<Role, Integer>> answered = new java.util.LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        Set<String> application = applicationRoutes();
        for (String route : MATRIX.routes()) {
            if (!application.contains(route)) {
                continue; // reported by everyRouteOfTheApplicationHasAnEntry
            }
            Map<Role, Integer> answers = new EnumMap<>(Role.class);
            for (Role role : ASKING_ORDER) {
                int status = route.startsWith("SEND ") ? world.stomp(route.substring(5), role)
                        : world.http(route, role);
                answers.put(role, status);
                if (status != MATRIX.expected(route, role)) {
                    wrong.add(route + " as " + role + ": " + status + ", expected " + MATRIX.expected(route, role));
                }
            }
            answered.put(route, answers);
        }
        world.close();
        if (!wrong.isEmpty()) {
            System.out.println("What the application answered, as the table would say it:");
            answered.forEach((route, answers) -> System.out.println(AccessMatrix.line(route, answers)));
        }
        assertThat(wrong).as("routes answering a role otherwise than the matrix says").isEmpty();
    }

    /** "GET /web/posts/{id}" for every request mapping, "SEND /app/ping" for every STOMP destination. */
    private Set<String> applicationRoutes() {
        Set<String> routes = new java.util.TreeSet<>();
        httpRoutes.getHandlerMethods().keySet().forEach(mapping -> {
            Set<String> methods = mapping.getMethodsCondition().getMethods().isEmpty() ? Set.of("ANY")
                    : mapping.getMethodsCondition().getMethods().stream().map(Enum::name)
                    .collect(java.util.stream.Collectors.toSet());
            for (String pattern : mapping.getPatternValues()) {
                methods.forEach(method -> routes.add(method + " " + pattern));
            }
        });
        stompRoutes.getHandlerMethods().keySet().forEach(mapping -> mapping.getDestinationConditions().getPatterns()
                .forEach(pattern -> routes.add("SEND /app" + (pattern.startsWith("/") ? pattern : "/" + pattern))));
        return routes;
    }

    /** What a request to a route needs beyond the defaults: its own path variables, query, body, or a new session. */
    private record Request(Map<String, String> variables, String query, Function<Role, String> body,
                           boolean ownSession) {
    }

    /**
     * The members, their relations and what they own, and how each route is asked. Path variables default to the
     * owner ({@code me}, {@code id}, {@code a}) and the friend (any other); a route that changes something the others
     * rely on gets a resource of its own.
     */
    private final class World implements AutoCloseable {

        // signed in again after "log out everywhere" ended every session of theirs
        Member owner = Members.register(port, "Owner");
        Member friend = Members.register(port, "Friend");
        Member other = Members.register(port, "Other");
        Member auditor = Staff.auditor(port);
        Member moderator = Staff.moderator(port);
        ApiClient admin = Staff.admin(port);
        final String post;
        final UUID chat;
        final String chatMessage;
        final Map<String, Request> requests = new HashMap<>();
        final Map<Role, RawStomp> sockets = new EnumMap<>(Role.class);

        World() {
            Friends.befriend(owner, friend);
            post = Posts.write(owner, owner, "for friends", "FRIENDS");
            chat = ChatGroupId.of(owner.id(), friend.id());
            try (RawStomp socket = RawStomp.member(port, owner.client().accessToken())) {
                socket.send("/app/chat_message", "{\"to\":\"" + chat + "\",\"message\":\"hello\"}");
                JsonNode sent = socket.awaitPush("chat_message", Duration.ofSeconds(10));
                assertThat(sent).as("the owner's first chat message").isNotNull();
                chatMessage = sent.get("id").asText();
            }
            Member target = Members.register(port, "Target");
            Member accepted = Members.register(port, "Accepted");
            Member rejected = Members.register(port, "Rejected");
            Member spareFriend = Members.register(port, "Spare");
            Member blocked = Members.register(port, "Blocked");
            assertThat(Friends.request(accepted, owner).status()).isEqualTo(201);
            assertThat(Friends.request(rejected, owner).status()).isEqualTo(201);
            Friends.befriend(owner, spareFriend);
            Member promoted = Members.register(port, "Promoted");
            String doomed = Posts.write(owner, owner, "about to go", "FRIENDS");

            ask("POST /web/register", Map.of(), "", role -> {
                String name = Members.uniqueName("Signup");
                return "{\"username\":\"" + name + "\",\"email\":\"" + name.toLowerCase()
                        + "@bunnybook.test\",\"password\":\"" + Members.PASSWORD + "\"}";
            });
            ask("POST /web/login", Map.of(), "", role -> "{\"email\":\"" + owner.email() + "\",\"password\":\""
                    + Members.PASSWORD + "\"}");
            requests.put("POST /web/refresh", new Request(Map.of(), "", role -> "", true));
            requests.put("POST /web/logout", new Request(Map.of(), "", role -> "", true));
            ask("GET /web/profiles", Map.of(), "?username_query=Owner", null);
            ask("GET /web/avatar/{identifier}", Map.of("identifier", "matrix"), "", null);
            ask("GET /web/avatars/{file}", Map.of("file", owner.username() + ".png"), "", null);
            ask("POST /web/profiles/{me}/outgoing_friend_requests/{target}", Map.of("target", target.id().toString()),
                    "", null);
            ask("DELETE /web/profiles/{me}/outgoing_friend_requests/{target}",
                    Map.of("target", target.id().toString()), "", null);
            ask("POST /web/profiles/{me}/friends/{requester}", Map.of("requester", accepted.id().toString()), "",
                    null);
            ask("DELETE /web/profiles/{me}/incoming_friend_requests/{requester}",
                    Map.of("requester", rejected.id().toString()), "", null);
            ask("DELETE /web/profiles/{me}/friends/{friend}", Map.of("friend", spareFriend.id().toString()), "",
                    null);
            // the friend, the default {other}, must stay a friend for the routes after these
            ask("PUT /web/profiles/{me}/blocks/{other}", Map.of("other", blocked.id().toString()), "", null);
            ask("DELETE /web/profiles/{me}/blocks/{other}", Map.of("other", blocked.id().toString()), "", null);
            ask("POST /web/posts", Map.of(), "", role -> "{\"content\":\"on the owner's wall\",\"wallProfileId\":\""
                    + owner.id() + "\",\"privacy\":\"FRIENDS\"}");
            ask("GET /web/posts", Map.of(), "?wall_profile_id=" + owner.id(), null);
            ask("GET /web/posts/{id}", Map.of("id", post), "", null);
            ask("DELETE /web/posts/{id}", Map.of("id", doomed), "", null);
            ask("POST /web/posts/{id}/comments", Map.of("id", post), "", role -> "{\"content\":\"a comment\"}");
            ask("PATCH /web/posts/{id}", Map.of("id", post), "", role -> "{\"content\":\"for friends, edited\"}");
            // the owner's comments on the owner's post: its author, the post's author and the wall's owner at once
            ask("PATCH /web/comments/{id}", Map.of("id", Posts.comment(owner, post, "to be edited")), "",
                    role -> "{\"content\":\"edited\"}");
            ask("DELETE /web/comments/{id}", Map.of("id", Posts.comment(owner, post, "to be deleted")), "", null);
            ask("GET /web/posts/{id}/comments", Map.of("id", post), "", null);
            ask("POST /web/posts/{id}/likes", Map.of("id", post), "", null);
            ask("DELETE /web/posts/{id}/likes", Map.of("id", post), "", null);
            ask("PATCH /web/profiles/{me}/notifications", Map.of(), "?read=true", role -> "[]");
            ask("GET /web/chat/{chatGroupId}/messages", Map.of("chatGroupId", chat.toString()), "", null);
            ask("GET /web/audit/aggregates/{id}/events", Map.of("id", post), "", null);
            ask("GET /web/audit/aggregates/{id}/state", Map.of("id", post), "", null);
            ask("GET /web/audit/verify/{verificationId}", Map.of("verificationId", latestVerification()), "", null);
            ask("GET /web/admin/projections/{name}", Map.of("name", "walls"), "", null);
            // a rebuild would run under every other test (and stop the walls for its switch): an unknown group still shows
            // who gets in
            ask("POST /web/admin/projections/{name}/rebuild", Map.of("name", "no-such-group"), "", null);
            ask("DELETE /web/admin/projections/{name}/rebuild", Map.of("name", "walls"), "", null);
            ask("GET /web/admin/projections/{name}/dead-letters", Map.of("name", "walls"), "", null);
            ask("POST /web/admin/projections/{name}/dead-letters/retry", Map.of("name", "walls"), "", null);
            ask("POST /web/admin/projections/{name}/dead-letters/{sequence}/retry",
                    Map.of("name", "walls", "sequence", "no-such-sequence"), "", null);
            ask("DELETE /web/admin/projections/{name}/dead-letters/{sequence}",
                    Map.of("name", "walls", "sequence", "no-such-sequence"), "", null);
            ask("PUT /web/admin/profiles/{id}/role", Map.of("id", promoted.id().toString()), "",
                    role -> "{\"role\":\"USER\"}");
            ask("DELETE /web/sessions/{id}", Map.of("id", spareSessionOf(owner)), "", null);
            requests.put("DELETE /web/sessions", new Request(Map.of(), "", null, true));
            // the same password again: the change is made (and ends the role's other sessions), logins go on working
            ask("PUT /web/me/password", Map.of(), "", role -> "{\"currentPassword\":\"" + password(role)
                    + "\",\"newPassword\":\"" + password(role) + "\"}");
            // every role reports the owner's profile (each its own report); staff work a report of their own post
            ask("POST /web/reports", Map.of(), "", role -> "{\"subjectType\":\"PROFILE\",\"subjectId\":\""
                    + owner.id() + "\",\"reason\":\"from the matrix\"}");
            String reported = Posts.write(owner, owner, "to be reported", "FRIENDS");
            var filed = friend.client().post("/web/reports", Map.of("subjectType", "POST", "subjectId", reported,
                    "reason", "for the matrix"));
            assertThat(filed.status()).as(filed.text()).isEqualTo(201);
            String report = filed.json().get("id").asText();
            ask("GET /web/admin/reports/{id}", Map.of("id", report), "", null);
            ask("POST /web/admin/reports/{id}/hide", Map.of("id", report), "", null);
            ask("POST /web/admin/reports/{id}/answer", Map.of("id", report), "",
                    role -> "{\"answer\":\"thank you\"}");

            ask("DELETE /web/me", Map.of(), "", role -> "{\"password\":\"not-the-password\"}");
            ask("DELETE /web/admin/profiles/{id}/sessions",
                    Map.of("id", Members.register(port, "Ended").id().toString()), "", null);
        }

        /** A session of the member's besides the one the table asks with, to be ended by them. */
        private String spareSessionOf(Member member) {
            ApiClient spare = loggedIn(member);
            for (JsonNode session : spare.get("/web/sessions").json()) {
                if (session.get("current").asBoolean()) {
                    return session.get("id").asText();
                }
            }
            throw new AssertionError("no current session among " + spare.get("/web/sessions").text());
        }

        private String password(Role role) {
            return role == Role.ADMIN ? Staff.ADMIN_PASSWORD : Members.PASSWORD;
        }

        /** After "log out everywhere", the role signs in again for the routes after it. */
        private void signInAgain(Role role) {
            switch (role) {
                case OWNER -> owner = new Member(owner.id(), owner.username(), owner.email(), loggedIn(owner));
                case FRIEND -> friend = new Member(friend.id(), friend.username(), friend.email(), loggedIn(friend));
                case OTHER_MEMBER -> other = new Member(other.id(), other.username(), other.email(), loggedIn(other));
                case AUDITOR -> auditor = new Member(auditor.id(), auditor.username(), auditor.email(),
                        loggedIn(auditor));
                case MODERATOR -> moderator = new Member(moderator.id(), moderator.username(), moderator.email(),
                        loggedIn(moderator));
                case ADMIN -> admin = Staff.admin(port);
                default -> {
                }
            }
        }

        private void ask(String route, Map<String, String> variables, String query, Function<Role, String> body) {
            requests.put(route, new Request(variables, query, body, false));
        }

        /** A verification the auditor started, once it has ended (so that starting one in the table is not 409). */
        private String latestVerification() {
            var started = auditor.client().post("/web/audit/verify", "{}");
            String job = started.header("Location");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !auditor.client().get(job).json().path("state").asText().equals("RUNNING"));
            return job.substring(job.lastIndexOf('/') + 1);
        }

        int http(String route, Role role) {
            String method = route.substring(0, route.indexOf(' '));
            Request request = requests.getOrDefault(route, new Request(Map.of(), "", null, false));
            String path = route.substring(route.indexOf(' ') + 1);
            for (String variable : List.of("me", "id", "a")) {
                path = path.replace("{" + variable + "}", request.variables().getOrDefault(variable,
                        owner.id().toString()));
            }
            path = path.replaceAll("\\{([^}]+)}", "%s");
            List<String> names = new ArrayList<>();
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{([^}]+)}")
                    .matcher(route.substring(route.indexOf(' ') + 1));
            while (matcher.find()) {
                if (!List.of("me", "id", "a").contains(matcher.group(1))) {
                    names.add(request.variables().getOrDefault(matcher.group(1), friend.id().toString()));
                }
            }
            path = String.format(path, names.toArray()) + request.query();
            String body = request.body() == null ? (method.equals("GET") || method.equals("DELETE") ? null : "{}")
                    : request.body().apply(role);
            ApiClient client = client(role, request.ownSession());
            var response = client.send(method.equals("ANY") ? "GET" : method, path,
                    body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body),
                    Map.of("Content-Type", "application/json"));
            if (route.equals("DELETE /web/sessions") && response.status() == 204) {
                signInAgain(role);
            }
            if (route.equals("POST /web/audit/verify") && response.status() == 202) {
                String job = response.header("Location");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> !client.get(job).json().path("state").asText().equals("RUNNING"));
            }
            return response.status();
        }

        /** The role's client; with {@code ownSession}, a session of its own (logging it out ends no other). */
        private ApiClient client(Role role, boolean ownSession) {
            return switch (role) {
                case ANONYMOUS -> new ApiClient(port);
                case ADMIN -> ownSession ? Staff.admin(port) : admin;
                default -> ownSession ? loggedIn(member(role)) : member(role).client();
            };
        }

        private Member member(Role role) {
            return switch (role) {
                case OWNER -> owner;
                case FRIEND -> friend;
                case OTHER_MEMBER -> other;
                case AUDITOR -> auditor;
                case MODERATOR -> moderator;
                default -> throw new IllegalArgumentException(role + " is not a member of its own");
            };
        }

        private ApiClient loggedIn(Member member) {
            ApiClient client = new ApiClient(port);
            var login = client.post("/web/login", Map.of("email", member.email(), "password", Members.PASSWORD));
            assertThat(login.status()).as(login.text()).isEqualTo(200);
            return client.bearer(login.json().get("accessToken").asText());
        }

        /** A frame to the destination, on the role's socket: served, answered with an error push, or refused. */
        int stomp(String destination, Role role) {
            if (role == Role.ANONYMOUS) {
                try (RawStomp socket = RawStomp.connecting(port, null)) {
                    Frame answer = socket.next(ANSWER);
                    return answer != null && answer.command().equals("ERROR") ? REFUSED
                            : answer != null && answer.command().equals("CONNECTED") ? SERVED : -1;
                }
            }
            RawStomp socket = sockets.computeIfAbsent(role, this::socket);
            socket.drain();
            String body = switch (destination) {
                case "/app/chat_message" -> "{\"to\":\"" + chat + "\",\"message\":\"from the matrix\"}";
                case "/app/is_typing" -> "{\"chatGroupId\":\"" + chat + "\"}";
                case "/app/mark_chat_as_read" -> "{\"chatGroupId\":\"" + chat + "\",\"chatMessageId\":\""
                        + chatMessage + "\"}";
                case "/app/resume" -> "{\"since\":\"" + java.time.Instant.now().minusSeconds(60) + "\"}";
                default -> "{}";
            };
            socket.send(destination, body);
            // what serving the frame answers the sender with; typing is relayed to the others only
            String served = switch (destination) {
                case "/app/ping" -> "online_friends";
                case "/app/chat_message" -> "chat_message";
                case "/app/mark_chat_as_read" -> "unread_conversations_ids";
                case "/app/resume" -> "resumed";
                default -> null;
            };
            long deadline = System.nanoTime() + ANSWER.toNanos();
            while (System.nanoTime() < deadline) {
                Frame frame = socket.next(Duration.ofMillis(200));
                if (frame == null) {
                    if (served == null && System.nanoTime() > deadline - ANSWER.toNanos() / 2) {
                        return SERVED; // no error within a while: relayed
                    }
                    continue;
                }
                if (frame.event().equals("error") || frame.command().equals("ERROR")) {
                    return ERROR_PUSH;
                }
                if (frame.event().equals(served)) {
                    return SERVED;
                }
            }
            return -1;
        }

        private RawStomp socket(Role role) {
            String token = role == Role.ADMIN ? admin.accessToken() : member(role).client().accessToken();
            RawStomp socket = RawStomp.member(port, token);
            socket.send("/app/ping", "{}"); // the first ping's greetings are not answers to what the table asks
            socket.awaitPush("online_friends", ANSWER);
            return socket;
        }

        @Override
        public void close() {
            sockets.values().forEach(RawStomp::close);
        }
    }
}
