package org.bunnybook.web.export;

import jakarta.servlet.http.HttpServletResponse;
import org.bunnybook.web.security.Member;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;

/**
 * A member downloads everything about them (docs/http-api.md, "Your data"): a zip of JSON files, streamed as it is
 * read. Only one's own: the route names no member, the token does.
 */
@RestController
class ExportController {

    private final MemberDataZip zip;
    private final Clock clock;

    ExportController(MemberDataZip zip, Clock clock) {
        this.zip = zip;
        this.clock = clock;
    }

    @GetMapping(value = "/web/me/export", produces = "application/zip")
    void export(Member member, HttpServletResponse response) throws IOException {
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("bunnybook-" + member.username() + "-" + LocalDate.now(clock) + ".zip", StandardCharsets.UTF_8)
                .build().toString());
        response.setHeader("Cache-Control", "no-store");
        zip.write(member.profileId(), response.getOutputStream());
    }
}
