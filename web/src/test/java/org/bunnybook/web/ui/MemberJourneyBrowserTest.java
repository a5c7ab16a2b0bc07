package org.bunnybook.web.ui;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.assertj.core.api.Assertions;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.bunnybook.web.ui.Names.hasText;
import static org.bunnybook.web.ui.Names.named;
import static org.bunnybook.web.ui.Names.namedWithin;

/**
 * Members in a real browser, through the web UI only: two bunnies register, befriend each other, see each other
 * online, chat with the typing indicator, post, comment and like, and watch their notification badges; a stranger
 * cannot see a friends-only post; a member sees how they are connected to a friend of a friend. Screenshots of the
 * pages they pass through go to target/screenshots/.
 */
@BrowserTest
class MemberJourneyBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void twoBunniesBefriendChatPostCommentAndLikeWhileAStrangerSeesOnlyWhatIsPublic(Visitors visitors) {
        Visitor amy = register(visitors, "Amy", true);
        Visitor ben = register(visitors, "Ben", false);

        // Amy finds Ben with the search and asks him to be her friend: his notification badge counts it.
        amy.visitProfileOf(ben);
        Screenshots.take(amy.page, "profile-stranger");
        amy.page.getByRole(AriaRole.BUTTON, named("Add friend")).click();
        assertThat(amy.page.getByRole(AriaRole.BUTTON, named("Cancel request"))).isVisible();
        assertThat(ben.badge("notifications-badge")).hasText("1");
        assertThat(ben.page).hasTitle("(1) Bunnybook");

        ben.page.getByRole(AriaRole.LINK, named("Friends")).first().click();
        ben.page.getByRole(AriaRole.LINK, named("Requests received")).click();
        Screenshots.take(ben.page, "friend-requests");
        ben.row(amy.username).getByRole(AriaRole.BUTTON, namedWithin("Accept")).click();
        assertThat(ben.row(amy.username)).isHidden();
        assertThat(amy.badge("notifications-badge")).hasText("1"); // "Ben accepted your friend request"

        // Friends now, both online: each sees the other with a green dot in the chat panel.
        assertThat(amy.onlineFriend(ben.username)).isVisible();
        assertThat(ben.onlineFriend(amy.username)).isVisible();

        // Both open their chat: Ben sees Amy typing, then her message, and the indicator goes.
        amy.chatFriend(ben.username).getByRole(AriaRole.BUTTON, namedWithin(ben.username)).click();
        ben.chatFriend(amy.username).getByRole(AriaRole.BUTTON, namedWithin(amy.username)).click();
        Locator amysBox = amy.chatBox(ben.username);
        Locator bensBox = ben.chatBox(amy.username);
        amysBox.getByLabel("Message").pressSequentially("Hello Ben", new Locator.PressSequentiallyOptions().setDelay(40));
        assertThat(bensBox.getByText(amy.username + " is typing…")).isVisible();
        amysBox.getByRole(AriaRole.BUTTON, namedWithin("Send")).click();
        assertThat(bensBox.getByTestId("chat-message").filter(hasText("Hello Ben"))).isVisible();
        assertThat(bensBox.getByText(amy.username + " is typing…")).isHidden();
        bensBox.getByLabel("Message").fill("Hi Amy, carrots later?");
        bensBox.getByLabel("Message").press("Enter");
        assertThat(amysBox.getByTestId("chat-message").filter(hasText("carrots later?"))).isVisible();

        // Ben closes his chat; Amy's next message opens it again by itself.
        bensBox.getByRole(AriaRole.BUTTON, namedWithin("Close")).click();
        assertThat(bensBox).hasCount(0);
        amysBox.getByLabel("Message").fill("Yes! At the meadow.");
        amysBox.getByLabel("Message").press("Enter");
        assertThat(bensBox.getByTestId("chat-message").filter(hasText("At the meadow."))).isVisible();
        Screenshots.take(ben.page, "chat");
        bensBox.getByRole(AriaRole.BUTTON, namedWithin("Close")).click();
        amysBox.getByRole(AriaRole.BUTTON, namedWithin("Close")).click();

        // Amy posts on Ben's wall for friends only: Ben is notified, opens the post from his notifications,
        // comments on it and likes it; Amy is notified of both.
        amy.visitProfileOf(ben);
        amy.page.getByLabel("Write a post").fill("Carrots for everyone, friends only");
        amy.page.getByLabel("Who can see it").selectOption("FRIENDS");
        amy.page.getByRole(AriaRole.BUTTON, named("Post")).click();
        Locator post = amy.page.getByTestId("post").filter(hasText("Carrots for everyone"));
        assertThat(post).isVisible();
        Screenshots.take(amy.page, "wall");
        assertThat(ben.badge("notifications-badge")).hasText("2");

        ben.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Notifications")))
                .click();
        Screenshots.take(ben.page, "notifications");
        ben.page.getByTestId("notification").filter(hasText("posted on your wall")).first().click();
        assertThat(ben.page).hasURL(Pattern.compile("/posts/[0-9a-f-]{36}$"));
        String postPath = ben.page.url().replaceFirst("^https?://[^/]+", "");
        assertThat(ben.badge("notifications-badge")).hasText("1");
        ben.page.getByLabel("Write a comment").fill("Yum, thank you!");
        ben.page.getByRole(AriaRole.BUTTON, named("Comment")).click();
        assertThat(ben.page.getByTestId("comment").filter(hasText("Yum, thank you!"))).isVisible();
        ben.page.getByRole(AriaRole.BUTTON, named("Like")).click();
        assertThat(ben.page.getByTestId("likes-count")).hasText("1");
        assertThat(ben.page.getByRole(AriaRole.BUTTON, named("Like"))).hasAttribute("aria-pressed", "true");
        Screenshots.take(ben.page, "post");
        assertThat(amy.badge("notifications-badge")).hasText("3");

        // Ben writes a public post on his own wall from his feed.
        ben.page.getByRole(AriaRole.LINK, named("Home")).click();
        ben.page.getByLabel("Write a post").fill("Good morning, meadow!");
        ben.page.getByRole(AriaRole.BUTTON, named("Post")).click();
        assertThat(ben.page.getByTestId("post").filter(hasText("Good morning, meadow!"))).isVisible();
        Screenshots.take(ben.page, "feed");
        amy.page.navigate("/conversations");
        Locator conversation = amy.page.getByTestId("conversation");
        assertThat(conversation).hasCount(1);
        assertThat(conversation).containsText(ben.username);
        assertThat(conversation).containsText("Yes! At the meadow.");
        Screenshots.take(amy.page, "conversations");

        // A stranger sees Ben's public post on his wall, not the friends-only one, and not even by its address.
        Visitor cara = register(visitors, "Cara", false);
        cara.visitProfileOf(ben);
        assertThat(cara.page.getByTestId("post").filter(hasText("Good morning, meadow!"))).isVisible();
        assertThat(cara.page.getByText("Carrots for everyone")).hasCount(0);
        assertThat(cara.page.getByLabel("Write a post")).hasCount(0);
        cara.page.navigate(postPath);
        assertThat(cara.page.getByText("Only friends of the wall owner can see this post")).isVisible();
        assertThat(cara.page.getByText("Carrots for everyone")).hasCount(0);

        cara.page.navigate("/no/such/burrow");
        assertThat(cara.page.getByRole(AriaRole.HEADING, named("This burrow is empty"))).isVisible();
        Screenshots.take(cara.page, "not-found");
    }

    @Test
    void aMemberSeesHowTheyAreConnectedToAFriendOfAFriendAndTheChainFollowsTheirFriendship(Visitors visitors) {
        // Amy knows Carol, who knows Dave; Dave asks Amy to be his friend (set up through the API)
        Member amy = Members.register(port, "Amy");
        Member carol = Members.register(port, "Carol");
        Member dave = Members.register(port, "Dave");
        Friends.befriend(amy, carol);
        Friends.befriend(carol, dave);
        Assertions.assertThat(Friends.request(dave, amy).status()).isEqualTo(201);

        Page page = visitors.newVisitor();
        page.navigate("/login");
        page.getByLabel("Email").fill(amy.email());
        page.getByLabel("Password").fill(Members.PASSWORD);
        page.getByRole(AriaRole.BUTTON, named("Log in")).click();
        assertThat(page).hasURL(Pattern.compile("/$"));
        new Visitor(page, amy.username()).visitProfileOf(dave.username());

        // on Dave's profile: 2nd, through Carol, each name a link to that bunny
        Locator connection = page.getByTestId("connection");
        assertThat(connection.getByText("2nd", new Locator.GetByTextOptions().setExact(true))).isVisible();
        Locator chain = page.getByRole(AriaRole.LIST, named("How you are connected")).getByRole(AriaRole.LISTITEM);
        assertThat(chain).hasText(new String[]{"You", carol.username(), dave.username()});
        assertThat(chain.nth(1).getByRole(AriaRole.LINK)).hasAttribute("href", "/profiles/" + carol.id());
        assertThat(chain.nth(2).getByRole(AriaRole.LINK)).hasAttribute("href", "/profiles/" + dave.id());
        Screenshots.take(page, "profile-connection");

        // Carol, by her link, is a friend: 1st
        chain.nth(1).getByRole(AriaRole.LINK).click();
        assertThat(page.getByRole(AriaRole.MAIN).getByRole(AriaRole.HEADING, namedWithin(carol.username())))
                .isVisible();
        assertThat(chain).hasText(new String[]{"You", carol.username()});
        assertThat(connection.getByText("1st", new Locator.GetByTextOptions().setExact(true))).isVisible();

        // back on Dave's profile, accepting his request there makes him 1st at once
        page.goBack();
        assertThat(chain).hasText(new String[]{"You", carol.username(), dave.username()});
        page.getByRole(AriaRole.BUTTON, named("Accept")).click();
        assertThat(connection.getByText("1st", new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(chain).hasText(new String[]{"You", dave.username()});

        // one's own profile shows no connection
        page.navigate("/profiles/" + amy.id());
        assertThat(page.getByRole(AriaRole.MAIN).getByRole(AriaRole.HEADING, namedWithin(amy.username())))
                .isVisible();
        assertThat(page.getByTestId("connection")).hasCount(0);

        // a stranger is not connected within 4 steps, quietly
        Member stranger = Members.register(port, "Stranger");
        page.navigate("/profiles/" + stranger.id());
        assertThat(page.getByText("Not connected within 4 steps")).isVisible();
    }

    @Test
    void aMemberEndsAnotherOfTheirSessionsChangesTheirPasswordAndLogsOut(Visitors visitors) {
        Member hazel = Members.register(port, "Hazel"); // signed in by a script too, through the API
        Page phone = logIn(visitors.newVisitor(), hazel.email(), Members.PASSWORD);
        Page page = logIn(visitors.newVisitor(), hazel.email(), Members.PASSWORD);

        // the refresh cookie reaches the refresh endpoint, where it is scoped
        Assertions.assertThat(page.evaluate("() => fetch('/web/refresh', {method: 'POST'}).then(r => r.status)"))
                .isEqualTo(200);

        page.getByRole(AriaRole.LINK, named("Settings")).click();
        Locator sessions = page.getByTestId("session");
        assertThat(sessions).hasCount(3);
        assertThat(sessions.filter(hasText("this browser"))).hasCount(1);
        Screenshots.take(page, "settings");
        sessions.filter(hasText("Java-http-client")).getByRole(AriaRole.BUTTON, namedWithin("End this session"))
                .click();
        assertThat(sessions).hasCount(2);
        Assertions.assertThat(hazel.client().get("/web/me").status()).isEqualTo(401);

        // a new password ends the other browser's session: its socket is closed, and it finds itself logged out
        page.getByLabel("Current password").fill(Members.PASSWORD);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("clover-and-dandelions");
        page.getByLabel("New password, again").fill("clover-and-dandelions");
        page.getByRole(AriaRole.BUTTON, named("Change password")).click();
        assertThat(page.getByText("Your password was changed.")).isVisible();
        assertThat(phone).hasURL(Pattern.compile("/login$"));

        page.getByRole(AriaRole.BUTTON, named("Log out")).click();
        assertThat(page).hasURL(Pattern.compile("/login$")); // a logout of one's own leads nowhere back
        logIn(page, hazel.email(), "clover-and-dandelions");
    }

    @Test
    void aMemberDownloadsEverythingAboutThem(Visitors visitors) throws Exception {
        Member bigwig = Members.register(port, "Bigwig");
        Posts.write(bigwig, bigwig, "a burrow of my own", "PUBLIC");
        Page page = logIn(visitors.newVisitor(), bigwig.email(), Members.PASSWORD);
        page.getByRole(AriaRole.LINK, named("Settings")).click();

        Download download = page.waitForDownload(() ->
                page.getByRole(AriaRole.BUTTON, named("Download my data")).click());

        Assertions.assertThat(download.suggestedFilename()).startsWith("bunnybook-" + bigwig.username()).endsWith(".zip");
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(download.path()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Assertions.assertThat(files.get("profile.json")).contains(bigwig.email());
        Assertions.assertThat(files.get("posts.json")).contains("a burrow of my own");
        assertThat(page.getByRole(AriaRole.STATUS).filter(hasText("Downloaded"))).isVisible();
    }

    /** Logs in through the login page and lands on the home feed. */
    static Page logIn(Page page, String email, String password) {
        page.navigate("/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, named("Log in")).click();
        assertThat(page).hasURL(Pattern.compile("/$"));
        return page;
    }

    /** Registers through the register page, as a person would, and lands on the home feed. */
    private Visitor register(Visitors visitors, String prefix, boolean screenshot) {
        Page page = visitors.newVisitor();
        String username = Members.uniqueName(prefix);
        page.navigate("/");
        assertThat(page).hasURL(Pattern.compile("/login$"));
        if (screenshot) {
            Screenshots.take(page, "login");
        }
        page.getByRole(AriaRole.LINK, named("Create an account")).click();
        Locator avatar = page.getByTestId("avatar-preview");
        String firstBunny = avatar.getAttribute("src");
        page.getByRole(AriaRole.BUTTON, named("Generate another")).click();
        assertThat(avatar).not().hasAttribute("src", firstBunny);
        page.getByLabel("Username").fill(username);
        page.getByLabel("Email").fill(username.toLowerCase() + "@bunnybook.test");
        page.getByLabel("Password").fill(Members.PASSWORD);
        if (screenshot) {
            Screenshots.take(page, "register");
        }
        page.getByRole(AriaRole.BUTTON, named("Create my account")).click();
        assertThat(page.getByRole(AriaRole.LINK, named(username))).isVisible();
        assertThat(page).hasURL(Pattern.compile("/$"));
        return new Visitor(page, username);
    }

    /** One member at their own browser. */
    private record Visitor(Page page, String username) {

        void visitProfileOf(Visitor other) {
            visitProfileOf(other.username);
        }

        void visitProfileOf(String username) {
            page.getByLabel("Search bunnies").fill(username);
            page.getByRole(AriaRole.LIST, named("Bunnies found")).getByRole(AriaRole.LINK, namedWithin(username))
                    .click();
            assertThat(page.getByRole(AriaRole.MAIN).getByRole(AriaRole.HEADING, namedWithin(username)))
                    .isVisible();
        }

        Locator badge(String testId) {
            return page.getByTestId(testId);
        }

        Locator row(String username) {
            return page.getByTestId("profile-row").filter(hasText(username));
        }

        Locator chatFriend(String username) {
            return page.getByRole(AriaRole.COMPLEMENTARY, named("Chat")).getByTestId("chat-friend")
                    .filter(hasText(username));
        }

        Locator onlineFriend(String username) {
            return page.locator("[data-testid=chat-friend][data-online=true]").filter(hasText(username));
        }

        Locator chatBox(String username) {
            return page.getByRole(AriaRole.REGION, named("Chat with " + username));
        }
    }
}
