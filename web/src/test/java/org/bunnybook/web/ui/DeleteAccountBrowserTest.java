package org.bunnybook.web.ui;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.assertj.core.api.Assertions;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.bunnybook.web.ui.Names.named;

/** A member deletes their account from the Settings page: asked for their password, then signed out for good. */
@BrowserTest
class DeleteAccountBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void aMemberDeletesTheirAccountAfterConfirmingWithTheirPassword(Visitors visitors) {
        Member woundwort = Members.register(port, "Woundwort");
        Member friend = Members.register(port, "Blackberry");
        Friends.befriend(woundwort, friend);
        String post = Posts.write(woundwort, friend, "a message for the warren", "PUBLIC");
        Page page = visitors.newVisitor();
        page.navigate("/login");
        page.getByLabel("Email").fill(woundwort.email());
        page.getByLabel("Password").fill(Members.PASSWORD);
        page.getByRole(AriaRole.BUTTON, named("Log in")).click();
        assertThat(page).hasURL(Pattern.compile("/$"));
        page.getByRole(AriaRole.LINK, named("Settings")).click();

        page.getByRole(AriaRole.BUTTON, named("Delete my account")).click();
        page.getByLabel("Your password, to confirm").fill("not-my-password");
        page.getByRole(AriaRole.BUTTON, named("Delete my account for good")).click();
        assertThat(page.getByText("Your password is not right.")).isVisible();
        Screenshots.take(page, "delete-account");

        page.getByLabel("Your password, to confirm").fill(Members.PASSWORD);
        page.getByRole(AriaRole.BUTTON, named("Delete my account for good")).click();
        assertThat(page).hasURL(Pattern.compile("/login(\\?.*)?$"));

        Assertions.assertThat(woundwort.client().get("/web/me").status()).isEqualTo(401);
        Assertions.assertThat(new ApiClient(port).post("/web/login",
                Map.of("email", woundwort.email(), "password", Members.PASSWORD)).status()).isEqualTo(401);
        var seen = friend.client().get("/web/posts/" + post).json();
        Assertions.assertThat(seen.get("username").asText()).isEqualTo("erased member");
        Assertions.assertThat(seen.get("content").asText()).isEqualTo("[erased]");
    }
}
