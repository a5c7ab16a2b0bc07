package org.bunnybook.query.export;

import org.bunnybook.api.export.ExportMemberData;
import org.bunnybook.api.export.ExportPage;
import org.bunnybook.api.export.MemberDataSection;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** An export reads a section page by page: every item once, in a stable order, however the pages fall. */
@ReadModelTest({MemberDataExport.class})
class MemberDataExportTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MemberDataExport export;

    @Test
    void pagesCoverEveryItemOnceAndEndWithoutACursor() {
        List<Bunny> bunnies = Bunny.named("ann", "bob");
        Bunny ann = bunnies.get(0), bob = bunnies.get(1);
        List<UUID> posts = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        posts.forEach(post -> write(post, ann, ann));
        UUID bobsOwn = UUID.randomUUID(), onAnnsWall = UUID.randomUUID();
        write(bobsOwn, bob, bob);
        write(onAnnsWall, bob, ann);

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = null;
        do {
            ExportPage page = export.handle(new ExportMemberData(ann.id(), MemberDataSection.POSTS, after, 2));
            pageSizes.add(page.items().size());
            seen.addAll(page.items());
            after = page.after();
        } while (after != null);

        assertThat(pageSizes).containsExactly(2, 2, 2, 0);
        assertThat(seen).hasSize(6).doesNotHaveDuplicates()
                .noneMatch(item -> item.contains(bobsOwn.toString()))
                .anyMatch(item -> item.contains(onAnnsWall.toString()));
        posts.forEach(post -> assertThat(seen).anyMatch(item -> item.contains(post.toString())));
    }

    /** A row as the walls projection writes it: only what the export reads matters here. */
    private void write(UUID post, Bunny author, Bunny wall) {
        jdbc.sql("""
                        INSERT INTO posts (post_id, wall_profile_id, author_id, author_username, content, privacy,
                                           created_at, updated_at)
                        VALUES (:post, :wall, :author, :username, 'hello', 'PUBLIC', now(), now())""")
                .param("post", post).param("wall", wall.id()).param("author", author.id())
                .param("username", author.username()).update();
    }
}
