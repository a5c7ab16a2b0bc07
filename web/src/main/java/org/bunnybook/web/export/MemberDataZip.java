package org.bunnybook.web.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.export.ExportMemberData;
import org.bunnybook.api.export.ExportPage;
import org.bunnybook.api.export.MemberDataSection;
import org.bunnybook.api.friendship.FindFriendRequests;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a member's data as a zip of JSON files (one per {@link MemberDataSection}, plus their pending friend
 * requests), a page at a time as it is read, so that memory stays flat however much the member has written.
 */
@Component
class MemberDataZip {

    /** Items per page read: a few hundred rows keep round trips few and pages small. */
    static final int PAGE = 500;
    private static final byte[] COMMA = ",\n".getBytes(StandardCharsets.UTF_8);

    private final QueryGateway queries;
    private final ObjectMapper json;

    MemberDataZip(QueryGateway queries, ObjectMapper json) {
        this.queries = queries;
        this.json = json;
    }

    void write(UUID member, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (MemberDataSection section : MemberDataSection.values()) {
                zip.putNextEntry(new ZipEntry(section.fileName()));
                if (section == MemberDataSection.PROFILE) {
                    List<String> profile = page(member, section, null).items();
                    zip.write(profile.isEmpty() ? "{}".getBytes(StandardCharsets.UTF_8)
                            : profile.get(0).getBytes(StandardCharsets.UTF_8));
                } else {
                    writeArray(zip, items -> pages(member, section, items));
                }
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("friend_requests.json"));
            zip.write(json.writeValueAsBytes(new FriendRequests(
                    requests(member, FindFriendRequests.Direction.INCOMING),
                    requests(member, FindFriendRequests.Direction.OUTGOING))));
            zip.closeEntry();
        }
    }

    /** Hands every item of the section, in order, to {@code items}, a page at a time. */
    private void pages(UUID member, MemberDataSection section, Consumer<String> items) {
        String after = null;
        do {
            ExportPage page = page(member, section, after);
            page.items().forEach(items);
            after = page.after();
        } while (after != null);
    }

    private ExportPage page(UUID member, MemberDataSection section, String after) {
        return queries.query(new ExportMemberData(member, section, after, PAGE),
                ResponseTypes.instanceOf(ExportPage.class)).join();
    }

    private static void writeArray(ZipOutputStream zip, Consumer<Consumer<String>> source) throws IOException {
        zip.write('[');
        boolean[] first = {true};
        try {
            source.accept(item -> {
                try {
                    if (!first[0]) {
                        zip.write(COMMA);
                    }
                    first[0] = false;
                    zip.write(item.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        zip.write(']');
    }

    private List<ProfileSummary> requests(UUID member, FindFriendRequests.Direction direction) {
        List<ProfileSummary> all = new java.util.ArrayList<>();
        List<ProfileSummary> page;
        String after = null;
        do {
            page = queries.query(new FindFriendRequests(member, direction, after, PAGE),
                    ResponseTypes.multipleInstancesOf(ProfileSummary.class)).join();
            all.addAll(page);
            after = page.isEmpty() ? null : page.get(page.size() - 1).username();
        } while (page.size() == PAGE);
        return all;
    }

    /** Pending requests both ways: who asked the member, and whom the member asked. */
    record FriendRequests(List<ProfileSummary> incoming, List<ProfileSummary> outgoing) {
    }
}
