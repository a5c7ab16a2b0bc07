package org.bunnybook.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Ledger;
import org.bunnybook.web.support.Ledger;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.QuietStore;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The history as auditors read it: filters, one aggregate's history and past states, the export, the catalog. */
@BunnybookTest
class AuditTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eventsAreFilteredByAggregateTypeActorAndTime() {
        Member auditor = Staff.auditor(port);
        Member hazel = Members.register(port, "Hazel");
        Instant before = Instant.now();
        String first = Posts.write(hazel, hazel, "first", "PUBLIC");
        String second = Posts.write(hazel, hazel, "second", "FRIENDS");
        Instant after = Instant.now();

        List<JsonNode> byAggregate = events(auditor, "aggregate_id=" + first);
        assertThat(byAggregate).hasSize(1);
        JsonNode created = byAggregate.get(0);
        assertThat(created.get("aggregateType").asText()).isEqualTo("Post");
        assertThat(created.get("type").asText()).isEqualTo("org.bunnybook.api.post.PostCreated");
        assertThat(created.get("revision").asText()).isEqualTo("2");
        assertThat(created.get("sequence").asLong()).isZero();
        assertThat(created.get("globalPosition").asLong()).isPositive();
        assertThat(created.get("payload").get("content").asText()).isEqualTo("first");
        assertThat(created.get("metadata").get("actor").asText()).isEqualTo(hazel.id().toString());
        assertThat(created.get("timestamp").asText()).isNotBlank();

        // the simple name as the catalog gives it, one member's acts, a time range
        List<JsonNode> hazelsPosts = events(auditor, "type=PostCreated&actor=" + hazel.id()
                + "&from=" + before + "&to=" + after);
        assertThat(hazelsPosts).extracting(event -> event.get("aggregateId").asText()).containsExactly(first, second);
        assertThat(events(auditor, "aggregate_type=Account&aggregate_id=" + hazel.id()))
                .extracting(event -> event.get("type").asText())
                .containsExactly("org.bunnybook.api.account.AccountRegistered");
        assertThat(events(auditor, "type=PostCreated&actor=" + hazel.id() + "&from=" + after)).isEmpty();
    }

    @Test
    void pagesFollowTheGlobalOrderWithoutSkippingOrRepeating() {
        Member auditor = Staff.auditor(port);
        Member bigwig = Members.register(port, "Bigwig");
        for (int i = 0; i < 7; i++) {
            Posts.write(bigwig, bigwig, "post " + i, "PUBLIC");
        }
        List<Long> all = events(auditor, "actor=" + bigwig.id() + "&limit=1000").stream()
                .map(event -> event.get("globalPosition").asLong()).toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(8).isSorted();

        List<Long> paged = new ArrayList<>();
        long after = 0;
        List<JsonNode> page;
        do {
            page = events(auditor, "actor=" + bigwig.id() + "&limit=3&after=" + after);
            page.forEach(event -> paged.add(event.get("globalPosition").asLong()));
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).get("globalPosition").asLong();
            }
        } while (page.size() == 3);
        assertThat(paged).isEqualTo(all);
        assertThat(events(auditor, "actor=" + bigwig.id() + "&after=" + all.get(all.size() - 1))).isEmpty();
    }

    @Test
    void passwordHashesAreNeverShown() {
        Member auditor = Staff.auditor(port);
        Member pipkin = Members.register(port, "Pipkin");
        JsonNode registered = events(auditor, "aggregate_id=" + pipkin.id()).get(0);
        assertThat(registered.get("payload").get("passwordHash").asText()).isEqualTo("[redacted]");
        assertThat(registered.get("payload").get("username").asText()).isEqualTo(pipkin.username());
        // ... while the stored event keeps it, sealed with the member's key as all their personal data
        String stored = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                        + " WHERE aggregate_identifier = :id AND sequence_number = 0")
                .param("id", pipkin.id().toString()).query(String.class).single();
        assertThat(stored).doesNotContain("$2a$", pipkin.username()).contains("\"passwordHash\":\"pd1:t:" + pipkin.id());
        assertThat(auditor.client().get("/web/audit/export?aggregate_id=" + pipkin.id()).text())
                .doesNotContain("$2a$").contains("[redacted]");
    }

    @Test
    void anAggregatesStateAtSequenceNEqualsTheStateAfterItsFirstNEvents() {
        Member auditor = Staff.auditor(port);
        Member author = Members.register(port, "Blackberry");
        Member fan = Members.register(port, "Kehaar");
        String post = Posts.write(author, author, "time travel", "PUBLIC");
        assertThat(author.client().post("/web/posts/" + post + "/likes", "").status()).isEqualTo(200);
        assertThat(fan.client().post("/web/posts/" + post + "/likes", "").status()).isEqualTo(200);
        assertThat(author.client().send("DELETE", "/web/posts/" + post + "/likes", BodyPublishers.noBody(), Map.of())
                .status()).isEqualTo(200);
        Posts.delete(author, post);

        var history = auditor.client().get("/web/audit/aggregates/" + post + "/events");
        assertThat(history.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        history.json().forEach(event -> types.add(event.get("type").asText().replace("org.bunnybook.api.post.", "")));
        assertThat(types).containsExactly("PostCreated", "PostLiked", "PostLiked", "PostUnliked", "PostDeleted");

        // after each event, the likers and the deleted flag the aggregate itself remembered (a deleted post has none)
        List<Set<String>> likers = List.of(Set.of(), Set.of(author.id().toString()),
                Set.of(author.id().toString(), fan.id().toString()), Set.of(fan.id().toString()), Set.of());
        for (int n = 0; n < 5; n++) {
            JsonNode state = auditor.client().get("/web/audit/aggregates/" + post + "/state?sequence=" + n).json();
            assertThat(state.get("eventsApplied").asInt()).isEqualTo(n + 1);
            assertThat(state.get("sequence").asLong()).isEqualTo(n);
            assertThat(state.get("aggregateType").asText()).isEqualTo("Post");
            Set<String> fields = new HashSet<>();
            state.get("state").get("likers").forEach(liker -> fields.add(liker.asText()));
            assertThat(fields).as("likers after event %d", n).isEqualTo(likers.get(n));
            assertThat(state.get("state").get("deleted").asBoolean()).isEqualTo(n == 4);
            assertThat(state.get("state").get("authorId").asText()).isEqualTo(author.id().toString());

            // and the same state by the instant of that event
            String at = history.json().get(n).get("timestamp").asText();
            JsonNode byInstant = auditor.client().get("/web/audit/aggregates/" + post + "/state?at=" + at).json();
            assertThat(byInstant.get("sequence").asLong()).isEqualTo(n);
            assertThat(byInstant.get("state")).isEqualTo(state.get("state"));
        }
        JsonNode beforeItExisted = auditor.client()
                .get("/web/audit/aggregates/" + post + "/state?at=2001-01-01T00:00:00Z").json();
        assertThat(beforeItExisted.get("eventsApplied").asInt()).isZero();
        assertThat(beforeItExisted.get("state").isNull()).isTrue();

        assertThat(auditor.client().get("/web/audit/aggregates/no-such-aggregate/events").status()).isEqualTo(404);
        assertThat(auditor.client().get("/web/audit/aggregates/no-such-aggregate/state").status()).isEqualTo(404);
        assertThat(auditor.client().get("/web/audit/aggregates/" + post + "/state?sequence=-1").status())
                .isEqualTo(422);
        assertThat(auditor.client().get("/web/audit/aggregates/" + post + "/state?at=yesterday").status())
                .isEqualTo(422);
    }

    @Test
    void theExportHoldsEveryEventUpToItsHeadOnePerLine() throws Exception {
        Member auditor = Staff.auditor(port);
        Member writer = Members.register(port, "Strawberry");
        Posts.write(writer, writer, "exported", "PUBLIC");
        QuietStore.await(jdbc); // nothing else appending (a friendship's conversation, say) while it is compared

        var export = auditor.client().get("/web/audit/export");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        long head = Long.parseLong(export.header("X-Export-Head"));
        String[] lines = export.text().split("\n");
        long stored = jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE global_index <= :head")
                .param("head", head).query(Long.class).single();
        assertThat((long) lines.length - 1).isEqualTo(stored);
        long previous = 0;
        for (String line : List.of(lines).subList(0, lines.length - 1)) {
            long position = json.readTree(line).get("globalPosition").asLong();
            assertThat(position).isGreaterThan(previous).isLessThanOrEqualTo(head);
            previous = position;
        }
        JsonNode end = json.readTree(lines[lines.length - 1]);
        assertThat(end.get("exportComplete").asBoolean()).isTrue();
        assertThat(end.get("events").asLong()).isEqualTo(stored);
        assertThat(end.get("head").asLong()).isEqualTo(head);

        // a filtered range: the writer's own events only
        String[] writers = auditor.client().get("/web/audit/export?actor=" + writer.id()).text().split("\n");
        assertThat(writers).hasSize(events(auditor, "actor=" + writer.id() + "&limit=1000").size() + 1);
        assertThat(json.readTree(writers[0]).get("metadata").get("actor").asText()).isEqualTo(writer.id().toString());
    }

    @Test
    void aRowAlteredByHandBreaksNeitherFiltersNorTimeTravel() throws Exception {
        Member auditor = Staff.auditor(port);
        Member victim = Members.register(port, "Cowslip");
        String post = Posts.write(victim, victim, "soon unreadable", "PUBLIC");
        Ledger.awaitChained(jdbc, post); // else the ledger would vouch for the altered bytes for good
        Map<String, Object> original = jdbc.sql("SELECT meta_data, payload, time_stamp FROM domain_event_entry"
                        + " WHERE aggregate_identifier = :id").param("id", post).query().singleRow();
        jdbc.sql("""
                        UPDATE domain_event_entry SET meta_data = convert_to('not json', 'UTF8'),
                            payload = convert_to('{"postId": 42', 'UTF8'), time_stamp = 'yesterday-ish'
                        WHERE aggregate_identifier = :id""")
                .param("id", post).update();
        try {
            assertThat(auditor.client().get("/web/audit/events?actor=" + victim.id() + "&from=2001-01-01T00:00:00Z")
                    .status()).isEqualTo(200);
            var listed = events(auditor, "aggregate_id=" + post).get(0);
            assertThat(listed.get("payload").asText()).isEqualTo("{\"postId\": 42");
            assertThat(listed.get("timestamp").isNull()).isTrue();
            var state = auditor.client().get("/web/audit/aggregates/" + post + "/state");
            assertThat(state.status()).isEqualTo(409);
            assertThat(state.json().get("detail").asText()).contains("cannot be replayed");
        } finally {
            jdbc.sql("""
                            UPDATE domain_event_entry SET meta_data = :meta, payload = :payload, time_stamp = :at
                            WHERE aggregate_identifier = :id""")
                    .param("meta", original.get("meta_data")).param("payload", original.get("payload"))
                    .param("at", original.get("time_stamp")).param("id", post).update();
        }
        var restored = auditor.client().get("/web/audit/aggregates/" + post + "/state");
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
    }


    @Test
    void theCatalogListsEveryEventTypeWithItsRevisionAndFields() {
        Member auditor = Staff.auditor(port);
        JsonNode catalog = auditor.client().get("/web/audit/catalog").json();
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        catalog.forEach(type -> byName.put(type.get("name").asText(), type));
        assertThat(byName).containsKeys("AccountRegistered", "RoleGranted", "SessionStarted", "RefreshTokenRotated",
                "SessionRevoked", "FriendRequestSent", "FriendRequestAccepted", "FriendRequestRejected",
                "FriendRequestCancelled", "Unfriended", "PostCreated", "PostCommented", "PostLiked", "PostUnliked",
                "PostDeleted", "ConversationOpened", "ConversationReactivated", "ConversationDeactivated",
                "MessagePosted", "ChatMarkedAsRead", "AuditLogConsulted");
        assertThat(byName).doesNotContainKeys("CreatePost", "PostView", "FindFeed");

        JsonNode opened = byName.get("ConversationOpened");
        assertThat(opened.get("type").asText()).isEqualTo("org.bunnybook.api.chat.ConversationOpened");
        assertThat(opened.get("revision").asText()).isEqualTo("2");
        assertThat(opened.get("fields").toString()).contains("\"name\":\"members\"", "\"type\":\"List<ChatMember>\"");
        JsonNode registered = byName.get("AccountRegistered");
        registered.get("fields").forEach(field -> assertThat(field.get("sensitive").asBoolean())
                .as(field.get("name").asText())
                .isEqualTo(field.get("name").asText().equals("passwordHash")));
        // personal data names its subject (docs/privacy.md)
        registered.get("fields").forEach(field -> assertThat(field.path("personalDataOf").asText(null))
                .as(field.get("name").asText())
                .isEqualTo(field.get("name").asText().equals("profileId") ? null : "profileId"));
        assertThat(opened.get("fields").get(1).get("personalDataOf").asText()).isEqualTo("each element's profileId");
    }

    @Test
    void anAggregatesHistoryComesAPageAtATimeEachLinkingToTheNext() {
        Member auditor = Staff.auditor(port);
        Member author = Members.register(port, "Bigwig");
        String post = Posts.write(author, author, "a busy post", "PUBLIC");
        for (int i = 0; i < 2; i++) {
            assertThat(author.client().post("/web/posts/" + post + "/likes", "").status()).isEqualTo(200);
            assertThat(author.client().send("DELETE", "/web/posts/" + post + "/likes", BodyPublishers.noBody(),
                    Map.of()).status()).isEqualTo(200);
        }
        String first = "/web/audit/aggregates/" + post + "/events";
        // without parameters, as before: the whole of a short history, with no next page
        var whole = auditor.client().get(first);
        assertThat(whole.json()).hasSize(5);
        assertThat(whole.header("Link")).isNull();

        List<Long> sequences = new ArrayList<>();
        String next = first + "?limit=2";
        int pages = 0;
        while (next != null) {
            var page = auditor.client().get(next);
            assertThat(page.status()).as(next).isEqualTo(200);
            page.json().forEach(event -> sequences.add(event.get("sequence").asLong()));
            String link = page.header("Link");
            next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            assertThat(link == null || link.endsWith("; rel=\"next\"")).as(link).isTrue();
            pages++;
        }
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(pages).isEqualTo(3); // [0 1] [2 3] [4]
        assertThat(auditor.client().get(first + "?after=4").json()).isEmpty();
        assertThat(auditor.client().get("/web/audit/aggregates/no-such-aggregate/events?after=4").status())
                .isEqualTo(404);
        for (String bad : List.of("limit=0", "limit=1001", "after=-1", "after=x")) {
            assertThat(auditor.client().get(first + "?" + bad).status()).as(bad).isEqualTo(422);
        }
    }

    @Test
    void everyUseOfTheAuditApiIsItselfAnEvent() {
        Member auditor = Staff.auditor(port);
        assertThat(auditor.client().get("/web/audit/events?type=PostCreated&limit=5").status()).isEqualTo(200);
        JsonNode verification = Ledger.verify(auditor.client(), "");

        // following a verification's progress is not recorded again: starting it was
        List<JsonNode> uses = events(auditor, "type=AuditLogConsulted&actor=" + auditor.id());
        assertThat(uses).extracting(use -> use.get("payload").get("action").asText())
                .startsWith("GET /web/audit/events", "POST /web/audit/verify", "GET /web/audit/events")
                .noneMatch(action -> action.contains(verification.get("verificationId").asText()));
        JsonNode first = uses.get(0).get("payload");
        assertThat(first.get("auditorId").asText()).isEqualTo(auditor.id().toString());
        assertThat(first.get("parameters").get("type").asText()).isEqualTo("PostCreated");
        assertThat(first.get("parameters").get("limit").asText()).isEqualTo("5");
    }

    @Test
    void badFiltersAreRefusedWithoutAServerError() {
        ApiClient auditor = Staff.auditor(port).client();
        for (String query : List.of("limit=0", "limit=1001", "after=-1", "after=x", "from=yesterday",
                "to=2026-13-45T00:00:00Z", "from=+999999-01-01T00:00:00Z", "to=-0005-01-01T00:00:00Z")) {
            assertThat(auditor.get("/web/audit/events?" + query).status()).as(query).isEqualTo(422);
        }
        // named as the query parameter it is
        assertThat(auditor.get("/web/audit/export?after=x").json().get("detail").toString())
                .contains("[\"query\",\"after\"]");
        assertThat(auditor.get("/web/audit/events?aggregate_id=%00").json().get("detail").toString())
                .contains("[\"query\",\"aggregate_id\"]", "NUL");
        assertThat(auditor.get("/web/audit/events?actor=%27%22&type=%27;DROP").status()).isEqualTo(200);
        assertThat(auditor.get("/web/audit/events?actor=%00").status()).isEqualTo(422);
        assertThat(auditor.get("/web/audit/export?type=%00").status()).isEqualTo(422);
        assertThat(auditor.post("/web/audit/verify", "{\"checkpoints\":[{\"position\":1,\"chainHash\":\"zz\"}]}")
                .status()).isEqualTo(422);
        assertThat(auditor.post("/web/audit/verify", "{not json").status()).isEqualTo(422);
    }

    private List<JsonNode> events(Member auditor, String query) {
        var response = auditor.client().get("/web/audit/events?" + query);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        response.json().forEach(events::add);
        return events;
    }
}
