package org.bunnybook.web.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.bunnybook.web.ui.Names.hasText;
import static org.bunnybook.web.ui.Names.namedWithin;

/**
 * A member edits their post and their comment in place, and, as the post's author, deletes a friend's comment on
 * it; what they may not do to the friend's comment is not offered. Screenshots go to target/screenshots/.
 */
@BrowserTest
class EditBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void theAuthorEditsTheirPostAndCommentAndDeletesAFriendsComment(Visitors visitors) {
        Member hazel = Members.register(port, "Hazel");
        Member fiver = Members.register(port, "Fiver");
        Friends.befriend(hazel, fiver);
        String post = Posts.write(fiver, hazel, "A draft on your wall", "PUBLIC");
        Posts.comment(hazel, post, "A comment by the wall's owner");
        Posts.comment(fiver, post, "My first thought");
        Page page = MemberJourneyBrowserTest.logIn(visitors.newVisitor(), fiver.email(), Members.PASSWORD);
        page.navigate("/posts/" + post);
        Locator card = page.getByTestId("post");
        Locator header = card.locator("header");
        // by author: a comment's text is replaced by the editor while it is edited
        Locator mine = page.getByTestId("comment").filter(hasText(fiver.username()));
        Locator hazels = page.getByTestId("comment").filter(hasText(hazel.username()));
        assertThat(mine).containsText("My first thought");
        assertThat(header.getByTestId("edited")).hasCount(0);

        // the post, in place: Cancel leaves it as it was, Save shows it edited, with the time in the tooltip
        header.getByRole(AriaRole.BUTTON, namedWithin("Edit")).click();
        card.getByLabel("Edit your post").fill("Never mind");
        card.getByRole(AriaRole.BUTTON, namedWithin("Cancel")).click();
        assertThat(card.getByText("A draft on your wall")).isVisible();
        header.getByRole(AriaRole.BUTTON, namedWithin("Edit")).click();
        card.getByLabel("Edit your post").fill("The final words on your wall");
        Screenshots.take(page, "edit-post");
        card.getByRole(AriaRole.BUTTON, namedWithin("Save")).click();
        assertThat(card.getByText("The final words on your wall")).isVisible();
        assertThat(card.getByLabel("Edit your post")).hasCount(0);
        assertThat(header.getByTestId("edited")).hasText("edited");
        assertThat(header.getByTestId("edited")).hasAttribute("title", Pattern.compile("^Edited .+"));

        // their own comment: edited in place; the wall owner's: only deleted (Fiver wrote the post), once confirmed
        assertThat(hazels.getByRole(AriaRole.BUTTON, namedWithin("Edit"))).hasCount(0);
        mine.getByRole(AriaRole.BUTTON, namedWithin("Edit")).click();
        mine.getByLabel("Edit your comment").fill("My second thought");
        mine.getByRole(AriaRole.BUTTON, namedWithin("Save")).click();
        assertThat(mine).containsText("My second thought");
        assertThat(mine.getByTestId("edited")).isVisible();
        assertThat(card.getByTestId("comments-count")).hasText("2");

        hazels.getByRole(AriaRole.BUTTON, namedWithin("Delete")).click();
        hazels.getByRole(AriaRole.BUTTON, namedWithin("Delete comment")).click();
        assertThat(hazels).hasCount(0);
        assertThat(card.getByTestId("comments-count")).hasText("1");
        Screenshots.take(page, "edited-post");

        // as the server has it, after a reload
        page.reload();
        assertThat(page.getByTestId("post").getByText("The final words on your wall")).isVisible();
        assertThat(page.getByTestId("comment")).hasCount(1);
        assertThat(page.getByTestId("comment").getByTestId("edited")).isVisible();
    }
}
