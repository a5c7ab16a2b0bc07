package org.bunnybook.web.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.bunnybook.web.ui.Names.hasText;
import static org.bunnybook.web.ui.Names.named;
import static org.bunnybook.web.ui.Names.namedWithin;

/**
 * Reporting and moderation in a real browser: a member reports a friend's post with a reason; a moderator finds it in
 * the queue, hides the post and answers; the post is gone from the member's feed and the answer is in their
 * notifications.
 */
@BrowserTest
class ModerationBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void aMemberReportsAPostAndAModeratorHidesItAndAnswers(Visitors visitors) {
        Member author = Members.register(port, "Bigwig");
        Member reporter = Members.register(port, "Pipkin");
        Friends.befriend(author, reporter);
        Posts.write(author, author, "Cheap carrots at carrot-scam.example", "FRIENDS");
        Member moderator = Staff.moderator(port);

        Page member = logIn(visitors, reporter.email());
        Locator post = member.getByTestId("post").filter(hasText("carrot-scam.example"));
        assertThat(post).isVisible();
        post.getByRole(AriaRole.BUTTON, namedWithin("Report this post")).click();
        Locator dialog = member.getByTestId("report-dialog");
        dialog.getByLabel("Why do you report this?").fill("A scam");
        Screenshots.take(member, "report-dialog");
        dialog.getByRole(AriaRole.BUTTON, namedWithin("Send report")).click();
        assertThat(dialog.getByRole(AriaRole.STATUS)).containsText("moderators will look at it");
        dialog.getByRole(AriaRole.BUTTON, namedWithin("Close")).click();

        Page staff = logIn(visitors, moderator.email());
        staff.getByRole(AriaRole.LINK, named("Moderation")).click();
        assertThat(staff).hasURL(Pattern.compile("/moderation$"));
        staff.getByTestId("report").filter(hasText("A scam")).first().click();
        Locator detail = staff.getByTestId("report-detail");
        assertThat(detail.getByTestId("reported-content")).hasText("Cheap carrots at carrot-scam.example");
        detail.getByRole(AriaRole.BUTTON, namedWithin("Hide from members")).click();
        assertThat(detail.getByTestId("hidden")).isVisible();
        detail.getByLabel("Answer to the reporter").fill("Thanks, we hid it.");
        Screenshots.take(staff, "moderation");
        detail.getByRole(AriaRole.BUTTON, namedWithin("Answer and close")).click();
        assertThat(detail.getByTestId("answer")).containsText("Thanks, we hid it.");
        assertThat(staff.getByTestId("report").filter(hasText("A scam"))).hasCount(0);

        member.reload();
        assertThat(member.getByTestId("post").filter(hasText("carrot-scam.example"))).hasCount(0);
        member.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Notifications")))
                .click();
        assertThat(member.getByTestId("notification").filter(hasText("Thanks, we hid it."))).isVisible();
        Screenshots.take(member, "report-answered");
    }

    private Page logIn(Visitors visitors, String email) {
        Page page = visitors.newVisitor();
        page.navigate("/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(Members.PASSWORD);
        page.getByRole(AriaRole.BUTTON, named("Log in")).click();
        assertThat(page).hasURL(Pattern.compile("/$"));
        return page;
    }
}
