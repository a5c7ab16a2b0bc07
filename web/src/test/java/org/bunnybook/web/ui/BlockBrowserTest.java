package org.bunnybook.web.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.bunnybook.web.support.Friends.befriend;
import static org.bunnybook.web.ui.Names.hasText;
import static org.bunnybook.web.ui.Names.named;
import static org.bunnybook.web.ui.Names.namedWithin;

/**
 * Blocking in a real browser: a member blocks a friend from the friend's profile (after confirming), the friendship
 * and the friend's posts are gone from that page, the blocked friend finds no such bunny where the blocker's profile
 * was, and the blocker unblocks from the Settings page. Screenshots go to target/screenshots/.
 */
@BrowserTest
class BlockBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void aMemberBlocksAFriendFromTheirProfileAndUnblocksThemInSettings(Visitors visitors) {
        Member fiver = Members.register(port, "Fiver");
        Member hazel = Members.register(port, "Hazel");
        befriend(fiver, hazel);
        Posts.write(hazel, hazel, "carrots behind the hutch", "PUBLIC");
        Page fivers = logIn(visitors.newVisitor(), fiver);
        Page hazels = logIn(visitors.newVisitor(), hazel);
        hazels.navigate("/profiles/" + fiver.id());
        assertThat(heading(hazels, fiver.username())).isVisible();

        fivers.navigate("/profiles/" + hazel.id());
        assertThat(fivers.getByText("carrots behind the hutch")).isVisible();
        assertThat(fivers.getByRole(AriaRole.BUTTON, named("Unfriend"))).isVisible();
        fivers.getByRole(AriaRole.BUTTON, named("Block")).click();
        assertThat(fivers.getByRole(AriaRole.DIALOG)).containsText("Block " + hazel.username() + "?");
        Screenshots.take(fivers, "block-confirmation");
        fivers.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, namedWithin("Block")).click();

        assertThat(fivers.getByText("You block this bunny")).isVisible();
        assertThat(fivers.getByText("No posts on this wall yet.")).isVisible();
        assertThat(fivers.getByText("carrots behind the hutch")).isHidden();
        assertThat(fivers.getByRole(AriaRole.BUTTON, named("Add friend"))).isHidden();
        Screenshots.take(fivers, "profile-blocked");

        hazels.reload();
        assertThat(hazels.getByText("No such bunny")).isVisible();

        fivers.getByRole(AriaRole.LINK, named("Settings")).click();
        Locator blocked = fivers.getByTestId("blocked-member").filter(hasText(hazel.username()));
        assertThat(blocked).isVisible();
        Screenshots.take(fivers, "settings-blocks");
        blocked.getByRole(AriaRole.BUTTON, namedWithin("Unblock")).click();
        assertThat(blocked).hasCount(0);
        assertThat(fivers.getByText("You block nobody.")).isVisible();

        hazels.reload();
        assertThat(heading(hazels, fiver.username())).isVisible();
        assertThat(hazels.getByRole(AriaRole.BUTTON, named("Add friend"))).isVisible(); // unblocking restored nothing
    }

    private static Locator heading(Page page, String username) {
        return page.getByRole(AriaRole.MAIN).getByRole(AriaRole.HEADING, namedWithin(username));
    }

    private static Page logIn(Page page, Member member) {
        page.navigate("/login");
        page.getByLabel("Email").fill(member.email());
        page.getByLabel("Password").fill(Members.PASSWORD);
        page.getByRole(AriaRole.BUTTON, named("Log in")).click();
        assertThat(page).hasURL(Pattern.compile("/$"));
        return page;
    }
}
