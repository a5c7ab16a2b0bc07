package org.bunnybook.web.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.processing.NodeName;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.bunnybook.web.ui.Names.hasText;
import static org.bunnybook.web.ui.Names.named;
import static org.bunnybook.web.ui.Names.namedWithin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's and the admin's pages in a real browser: browsing events, time travel, a projection rebuild, and
 * granting a member a role.
 */
@BrowserTest
class StaffBrowserTest {

    /** Posts on other walls in the history the walls' rebuild replays, besides the writer's 400. */
    private static final int OTHERS_POSTS = 8_000;

    @Autowired
    ProjectionFixture projections;

    @Autowired
    NodeName thisNode;

    @LocalServerPort
    int port;

    @Test
    void anAuditorBrowsesTheEventsOfAFriendshipAndTravelsBackThroughItsHistory(Visitors visitors) {
        Member hazel = Members.register(port, "Hazel");
        Member fiver = Members.register(port, "Fiver");
        Friends.request(hazel, fiver);
        Friends.accept(fiver, hazel);
        Friends.unfriend(hazel, fiver);
        Member auditor = Staff.auditor(port);

        Page page = logIn(visitors, auditor.email(), Members.PASSWORD);
        page.getByRole(AriaRole.LINK, named("Audit")).click();
        page.getByLabel("Actor").fill(hazel.id().toString());
        page.getByRole(AriaRole.BUTTON, named("Search")).click();
        Locator friendshipEvents = page.getByTestId("audit-event").filter(hasText("FriendRequestSent"));
        assertThat(friendshipEvents).hasCount(1);
        assertThat(page).hasURL(Pattern.compile("actor=" + hazel.id()));
        Screenshots.take(page, "audit-events");

        // The friendship's timeline: sent, accepted, unfriended. Travelling back shows it as it was.
        friendshipEvents.getByRole(AriaRole.LINK).first().click();
        assertThat(page).hasURL(Pattern.compile("/audit/aggregates/"));
        Locator state = page.getByTestId("aggregate-state");
        assertThat(state).containsText("NONE");
        page.getByRole(AriaRole.BUTTON, named("Previous")).click();
        assertThat(state).containsText("FRIENDS");
        page.getByRole(AriaRole.BUTTON, named("Previous")).click();
        assertThat(state).containsText("REQUESTED");
        assertThat(page.getByLabel("Sequence")).hasValue("0");
        Screenshots.take(page, "audit-time-travel");
    }

    @Test
    void anAdminRebuildsAProjectionAndWatchesItsProgressUntilItIsLiveAgain(Visitors visitors) throws Exception {
        // enough history for the replay to last a few of the page's polls (thousands of events replay in a blink):
        // others' posts appended at once, and this writer's written by several clients at once, as each write waits
        // for the read models
        projections.postsOnOwnWalls(OTHERS_POSTS, "another wall").handledBy(ReadModels.WALLS);
        Member writer = Members.register(port, "Writer");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> writes = IntStream.range(0, 400).<Callable<String>>mapToObj(
                    i -> () -> Posts.write(writer, writer, "Post number " + i + " to replay", "PUBLIC")).toList();
            for (Future<String> written : clients.invokeAll(writes)) {
                written.get();
            }
        } finally {
            clients.shutdown();
        }
        List<String> wallBefore = Posts.wholeWall(writer, writer);
        assertThat(wallBefore).hasSize(400);
        Page page = logIn(visitors, "chief@bunnybook.test", "chief-password-123");
        page.getByRole(AriaRole.LINK, named("Admin")).click();
        Locator walls = page.getByTestId("projection-walls");
        assertThat(walls).isVisible();
        // the work's spread over the nodes: here one node, holding every segment
        assertThat(page.getByTestId("segment-spread")).containsText(thisNode.value());
        Screenshots.take(page, "admin-projections");

        walls.getByRole(AriaRole.BUTTON, namedWithin("Rebuild")).click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, namedWithin("Rebuild walls")).click();
        Locator progress = page.getByRole(AriaRole.PROGRESSBAR, named("Rebuild progress of walls"));
        // the bar shows from the page's next poll on (its own 15 s were short for a loaded CI machine when the walls
        // were rebuilt in place, which first waited for every node to stop them)
        assertThat(progress).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        List<Double> seen = new ArrayList<>();
        long giveUp = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < giveUp) {
            // one look, without waiting for the bar: it may go between two looks, as soon as the replay ends
            Object value = progress.evaluateAll("bars => bars.length === 0 ? 'gone' : bars[0].getAttribute('value')");
            if ("gone".equals(value)) {
                break;
            }
            if (value != null) {
                seen.add(Double.parseDouble((String) value));
            }
            page.waitForTimeout(100);
        }
        assertThat(progress).isHidden();
        assertThat(seen).as("the bar moved while the walls were rebuilt").anySatisfy(share ->
                assertThat(share).isStrictlyBetween(0.0, 1.0));
        assertThat(seen).as("the bar never goes backwards").isSorted();
        assertThat(walls).containsText("live");

        // the rebuilt walls hold what was written before the rebuild, in the same order, and show it
        assertThat(Posts.wholeWall(writer, writer)).isEqualTo(wallBefore);
        page.navigate("/profiles/" + writer.id());
        assertThat(page.getByTestId("post").first()).containsText(wallBefore.get(0));
    }

    @Test
    void anAdminFindsAMemberAndMakesThemAnAuditor(Visitors visitors) {
        Member clover = Members.register(port, "Clover");
        Page page = logIn(visitors, "chief@bunnybook.test", "chief-password-123");
        page.getByRole(AriaRole.LINK, named("Admin")).click();
        page.getByRole(AriaRole.NAVIGATION, named("Admin")).getByRole(AriaRole.LINK, namedWithin("Members")).click();
        assertThat(page).hasURL(Pattern.compile("/admin/members$"));

        page.getByLabel("Find a member").fill(clover.username());
        page.getByRole(AriaRole.LIST, named("Members found"))
                .getByRole(AriaRole.BUTTON, namedWithin(clover.username())).click();
        Locator card = page.getByRole(AriaRole.ARTICLE, named(clover.username()));
        assertThat(card).containsText(clover.email());
        Locator role = card.getByLabel("Role of " + clover.username());
        assertThat(role).hasValue("USER");
        role.selectOption("AUDITOR");
        card.getByRole(AriaRole.BUTTON, namedWithin("Grant")).click();
        assertThat(card.getByRole(AriaRole.STATUS)).hasText(clover.username() + " is now AUDITOR");
        assertThat(role).hasValue("AUDITOR");
        Screenshots.take(page, "admin-members");

        // signing in again, the new auditor is offered the audit pages
        Page cloversPage = logIn(visitors, clover.email(), Members.PASSWORD);
        assertThat(cloversPage.getByRole(AriaRole.LINK, named("Audit"))).isVisible();
    }

    private Page logIn(Visitors visitors, String email, String password) {
        Page page = visitors.newVisitor();
        page.navigate("/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, named("Log in")).click();
        assertThat(page).hasURL(Pattern.compile("/$"));
        return page;
    }
}
