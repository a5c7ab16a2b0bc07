package org.bunnybook.web.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.bunnybook.web.ui.Names.named;
import static org.bunnybook.web.ui.Names.namedWithin;

/**
 * A member writes faster than the socket's budget (20 frames a second) lets a client send: 30 messages, each sent
 * with Enter as soon as it is typed. The UI queues its frames so none is refused, and the partner gets all 30, in
 * order.
 */
@BrowserTest
class ChatBurstBrowserTest {

    private static final int BURST = 30;

    @LocalServerPort
    int port;

    @Test
    void aBurstOfThirtyMessagesReachesThePartnerWholeAndInOrder(Visitors visitors) {
        Member cleo = Members.register(port, "Cleo");
        Member dov = Members.register(port, "Dov");
        Friends.befriend(cleo, dov);
        Page cleos = logIn(visitors, cleo);
        Page dovs = logIn(visitors, dov);
        Locator cleosBox = openChat(cleos, dov.username());
        Locator dovsBox = openChat(dovs, cleo.username());

        Locator field = cleosBox.getByLabel("Message");
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= BURST; i++) {
            String text = "burst line " + i;
            field.fill(text);
            field.press("Enter");
            sent.add(text);
        }

        Locator received = dovsBox.getByTestId("chat-message");
        assertThat(received).hasCount(BURST);
        assertThat(received).containsText(sent.toArray(String[]::new));
        // and on the sender's side every one was stored: none is left waiting, refused or unsent
        assertThat(cleosBox.locator("[data-testid=chat-message][data-status=sent]")).hasCount(BURST);
    }

    private static Locator openChat(Page page, String friend) {
        page.getByRole(AriaRole.COMPLEMENTARY, named("Chat")).getByTestId("chat-friend")
                .filter(new Locator.FilterOptions().setHasText(friend))
                .getByRole(AriaRole.BUTTON, namedWithin(friend)).click();
        Locator box = page.getByRole(AriaRole.REGION, named("Chat with " + friend));
        assertThat(box.getByText("No messages yet: say hello!")).isVisible();
        return box;
    }

    private static Page logIn(Visitors visitors, Member member) {
        Page page = visitors.newVisitor();
        page.navigate("/login");
        page.getByLabel("Email").fill(member.email());
        page.getByLabel("Password").fill(Members.PASSWORD);
        page.getByRole(AriaRole.BUTTON, named("Log in")).click();
        assertThat(page).hasURL(Pattern.compile("/$"));
        return page;
    }
}
