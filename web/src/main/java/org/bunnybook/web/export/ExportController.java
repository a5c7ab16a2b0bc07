package org.bunnybook.web.export;

import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.chat.FindMemberConversations;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.security.Member;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A member downloads everything about them (docs/http-api.md, "Your data"): a zip of JSON files, streamed as it is
 * read. Only one's own: the route names no member, the token does. A chat message is acknowledged (and pushed) as
 * soon as it is stored, before the conversations' read model has it, so the export first waits (bounded, as a
 * history read does) until that read model holds every message stored in the member's conversations.
 */
@RestController
class ExportController {

    private final MemberDataZip zip;
    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    ExportController(MemberDataZip zip, QueryGateway queries, ReadYourWrites readYourWrites, Clock clock) {
        this.zip = zip;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    @GetMapping(value = "/web/me/export", produces = "application/zip")
    void export(Member member, HttpServletResponse response) throws IOException {
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("bunnybook-" + member.username() + "-" + LocalDate.now(clock) + ".zip", StandardCharsets.UTF_8)
                .build().toString());
        response.setHeader("Cache-Control", "no-store");
        queries.query(new FindMemberConversations(member.profileId()), ResponseTypes.multipleInstancesOf(UUID.class))
                .join().forEach(chat -> readYourWrites.awaitAggregate(chat.toString(), ReadModels.CONVERSATIONS));
        zip.write(member.profileId(), response.getOutputStream());
    }
}
