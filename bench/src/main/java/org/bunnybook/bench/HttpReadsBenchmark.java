package org.bunnybook.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bunnybook.api.account.RegisterAccount;
import org.bunnybook.api.friendship.AcceptFriendRequest;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.friendship.SendFriendRequest;
import org.bunnybook.api.post.CreatePost;
import org.bunnybook.api.post.Privacy;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import static org.bunnybook.bench.InFlight.inParallel;

/**
 * Reads through HTTP under load, as members' clients make them: {@code wrk} at a fixed concurrency against the
 * running application, every request with a real access token (got by logging in over HTTP) of one of many members,
 * going round them. Next to the reads, in the same run, the floor: {@code GET /web/session}, which passes the same
 * servlet container and security filters and answers from the access token alone, without touching a store. Each
 * read's requests/s is printed as a ratio to the floor's, so what is left is what the read itself costs. The floor is
 * measured first and again last, after every read has been warmed up once, and the reads are compared with the
 * higher of the two: measured once, first, it bore the JIT's compiling and any passing load of a shared machine
 * alone, and could come out far lower than the reads after it, a ratio that flattered them (docs/performance.md,
 * "HTTP reads against a warm floor").
 */
final class HttpReadsBenchmark {

    private static final String PASSWORD = "carrots-and-clover";
    /** Where a feed page may come from, as the application counts them ({@code bunnybook.feed.pages}). */
    private static final List<String> FEED_PAGE_SOURCES = List.of("kept", "timeline", "postgres");
    /** The home feed's issue target: at least this share of the floor's requests/s, with p99 under the bound. */
    private static final double FEED_SHARE_OF_FLOOR = 0.5;
    private static final double FEED_P99_BOUND_MILLIS = 25;
    /** Set-up requests (a login sends a command) may be slow on a busy machine; they are not what is measured. */
    private static final Duration ANSWER_PATIENCE = Duration.ofSeconds(120);

    private final ConfigurableApplicationContext application;
    private final CommandGateway commands;
    private final int members;
    private final int friendsEach;
    private final int postsEach;
    private final Duration warmUp;
    private final Duration measured;
    private final Wrk wrk;
    private final String baseUrl;
    private final SplittableRandom random = new SplittableRandom(20261203);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<UUID> ids = new ArrayList<>();
    private final List<UUID> publicPosts = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();

    HttpReadsBenchmark(ConfigurableApplicationContext application, int members, int friendsEach, int postsEach,
                       int wrkThreads, int connections, Duration warmUp, Duration measured) {
        this.wrk = Wrk.onPath(wrkThreads, connections); // before anything is written: no wrk, no run
        this.application = application;
        this.commands = application.getBean(CommandGateway.class);
        this.members = members;
        this.friendsEach = friendsEach;
        this.postsEach = postsEach;
        this.warmUp = warmUp;
        this.measured = measured;
        this.baseUrl = "http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port");
    }

    /** One kind of read: its name and, for the n-th member of the rotation, the request path. */
    private record Read(String name, String route, IntFunction<String> pathOf) {
    }

    void run() {
        long started = System.nanoTime();
        int friendships = writeNetwork();
        Quiet.untilProjected(application);
        System.out.printf("Wrote %,d members, %,d friendships and %,d posts as commands and projected them in %.1f s%n",
                members, friendships, members * postsEach, (System.nanoTime() - started) / 1e9);
        logIn();

        Read floorRead = new Read("floor", "GET /web/session", member -> "/web/session");
        List<Read> reads = List.of(floorRead,
                new Read("home feed", "GET /web/feed", member -> "/web/feed"),
                new Read("wall", "GET /web/posts?wall_profile_id=", member ->
                        "/web/posts?wall_profile_id=" + ids.get((member * 31 + 7) % members)),
                new Read("post", "GET /web/posts/{id}", member ->
                        "/web/posts/" + publicPosts.get((member * 17 + 3) % publicPosts.size())),
                new Read("suggestions", "GET /web/profiles/{me}/friend_suggestions", member ->
                        "/web/profiles/" + ids.get(member) + "/friend_suggestions"),
                new Read("floor again", floorRead.route(), floorRead.pathOf()));

        // every read warmed up once before any is measured, so that the floor measured first is not the one read
        // that the JIT has still to compile for
        System.out.printf("%nWarming up, then measuring %s (%d s warm-up and %d s measured each)%n",
                reads.stream().map(Read::name).toList(), warmUp.toSeconds(), measured.toSeconds());
        Map<String, List<Wrk.Target>> rotations = new HashMap<>();
        for (Read read : reads) {
            if (!rotations.containsKey(read.route())) {
                rotations.put(read.route(), targets(read));
                wrk.run(baseUrl, rotations.get(read.route()), warmUp);
            }
        }
        Map<Read, Measured> results = new LinkedHashMap<>(); // the reads are told apart by name too
        Map<String, Double> feedPages = Map.of();
        for (Read read : reads) {
            wrk.run(baseUrl, rotations.get(read.route()), warmUp);
            Map<String, Double> pagesBefore = feedPages();
            CpuTime before = CpuTime.now();
            Wrk.Result result = wrk.run(baseUrl, rotations.get(read.route()), measured);
            results.put(read, new Measured(result, CpuTime.now().since(before)));
            if (read.route().equals("GET /web/feed")) {
                Map<String, Double> pagesAfter = feedPages();
                feedPages = new HashMap<>();
                for (String source : FEED_PAGE_SOURCES) {
                    feedPages.put(source, pagesAfter.get(source) - pagesBefore.get(source));
                }
            }
        }
        Wrk.Result floor = results.entrySet().stream().filter(read -> read.getKey().route().equals(floorRead.route()))
                .map(read -> read.getValue().result()).max(Comparator.comparingDouble(Wrk.Result::perSecond))
                .orElseThrow();

        System.out.printf("%n%s, %d s warm-up and %d s measured per read, going round %,d members' tokens, the floor "
                        + "first and last (ms; ratio = requests/s / the higher floor's requests/s; CPU time a request "
                        + "took, in us, in the application's JVM, in Redis and on the whole machine):%n",
                wrk.settings(), warmUp.toSeconds(), measured.toSeconds(), members);
        System.out.printf("%-12s %-45s %12s %9s %9s %9s %8s %9s %9s %9s%n", "read", "route", "requests/s", "p50",
                "p99", "ratio", "failed", "app cpu", "redis cpu", "all cpu");
        Wrk.Result feed = null;
        long failed = 0;
        for (Map.Entry<Read, Measured> measuredRead : results.entrySet()) {
            Read read = measuredRead.getKey();
            Wrk.Result result = measuredRead.getValue().result();
            if (read.route().equals("GET /web/feed")) {
                feed = result;
            }
            long notAnswered = result.failedStatuses() + result.socketErrors();
            failed += notAnswered;
            CpuTime cpu = measuredRead.getValue().cpu();
            System.out.printf("%-12s %-45s %,12.0f %9.2f %9.2f %9.2f %8d %9s %9s %9s%n", read.name(), read.route(),
                    result.perSecond(), result.p50Millis(), result.p99Millis(),
                    result.perSecond() / floor.perSecond(), notAnswered, perRequest(cpu.applicationNanos(), result),
                    perRequest(cpu.redisNanos(), result), perRequest(cpu.machineNanos(), result));
        }

        // where the feed's pages came from in its measured run: nothing is written meanwhile, so every page a node
        // keeps a copy of is found unchanged after the warm-up (docs/architecture.md, "Feed pages kept by the nodes
        // that serve them")
        System.out.printf("%nhome feed pages in its measured run: %,.0f found unchanged since this node kept them, "
                        + "%,.0f read from the Redis timelines, %,.0f from PostgreSQL%n", feedPages.get("kept"),
                feedPages.get("timeline"), feedPages.get("postgres"));
        double share = feed.perSecond() / floor.perSecond();
        boolean met = share >= FEED_SHARE_OF_FLOOR && feed.p99Millis() < FEED_P99_BOUND_MILLIS;
        System.out.printf("%nMust show (issue 15): GET /web/feed >= %.1fx the floor's requests/s with p99 < %.0f ms: "
                        + "%.2fx (%,.0f / %,.0f requests/s), p99 %.2f ms -> %s%n", FEED_SHARE_OF_FLOOR,
                FEED_P99_BOUND_MILLIS, share, feed.perSecond(), floor.perSecond(), feed.p99Millis(),
                met ? "PASS" : "FAIL");
        if (failed > 0) {
            throw new IllegalStateException(failed + " requests failed (a status of 400 or more, or a socket error): "
                    + "the figures above do not measure answered reads");
        }
    }

    /** The feed pages served so far, by where they came from. */
    private Map<String, Double> feedPages() {
        MeterRegistry meters = application.getBean(MeterRegistry.class);
        Map<String, Double> pages = new HashMap<>();
        for (String source : FEED_PAGE_SOURCES) {
            pages.put(source, meters.counter("bunnybook.feed.pages", "source", source).count());
        }
        return pages;
    }

    /** What wrk measured of a read, and the CPU time spent meanwhile. */
    private record Measured(Wrk.Result result, CpuTime cpu) {
    }

    /** Microseconds of CPU a request took, or "n/a" where the system does not tell. */
    private static String perRequest(long nanos, Wrk.Result result) {
        return nanos < 0 || result.requests() == 0 ? "n/a" : "%.0f".formatted(nanos / 1e3 / result.requests());
    }

    // --- the network, written as commands ---

    /** Members, random friendships, and posts on the members' own walls, a quarter of them for friends only. */
    private int writeNetwork() {
        // logins over HTTP check this hash as they would any; cost 4 instead of 10 only so that a thousand of them
        // take a second, not a minute, on two cores
        String passwordHash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        for (int i = 0; i < members; i++) {
            ids.add(UUID.randomUUID());
        }
        inParallel(members, i -> commands.send(new RegisterAccount(ids.get(i), name(i), email(i), passwordHash,
                name(i))));
        List<int[]> pairs = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        while (pairs.size() < (long) members * friendsEach / 2) {
            int a = random.nextInt(members);
            int b = random.nextInt(members);
            if (a != b && seen.add((long) Math.min(a, b) * members + Math.max(a, b))) {
                pairs.add(new int[]{a, b});
            }
        }
        inParallel(pairs.size(), i -> {
            int a = pairs.get(i)[0];
            int b = pairs.get(i)[1];
            String friendship = FriendshipId.of(ids.get(a), ids.get(b));
            return commands.send(new SendFriendRequest(friendship, ids.get(a), name(a), ids.get(b), name(b)))
                    .thenCompose(sent -> commands.send(new AcceptFriendRequest(friendship, ids.get(b))));
        });
        List<CreatePost> posts = new ArrayList<>();
        for (int i = 0; i < members * postsEach; i++) {
            int author = i % members;
            posts.add(new CreatePost(UUID.randomUUID(), ids.get(author), name(author), ids.get(author),
                    "post " + i + " of the http-reads benchmark", i % 4 == 0 ? Privacy.FRIENDS : Privacy.PUBLIC));
        }
        posts.stream().filter(post -> post.privacy() == Privacy.PUBLIC).forEach(post -> publicPosts.add(post.postId()));
        inParallel(posts.size(), i -> commands.send(posts.get(i)));
        return pairs.size();
    }

    // --- over HTTP ---

    /** Every member logs in over HTTP, each from an address of its own (login is rate-limited per address). */
    private void logIn() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<String>> loggedIn = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                int member = i;
                loggedIn.add(CompletableFuture.supplyAsync(() -> login(member), pool));
            }
            loggedIn.forEach(token -> tokens.add(token.join()));
        } finally {
            pool.shutdownNow();
        }
    }

    private String login(int member) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/web/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "10.17.%d.%d".formatted(member / 200, 1 + member % 200))
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("email", email(member), "password", PASSWORD)))));
        try {
            return new ObjectMapper().readTree(answer.body()).path("accessToken").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The rotation of one read, one request per member, each asked once first: all must answer 200 (under load, wrk
     * counts any answer of 400 or more as failed).
     */
    private List<Wrk.Target> targets(Read read) {
        List<Wrk.Target> targets = new ArrayList<>();
        for (int member = 0; member < members; member++) {
            Wrk.Target target = new Wrk.Target(tokens.get(member), read.pathOf().apply(member));
            send(HttpRequest.newBuilder(URI.create(baseUrl + target.path()))
                    .header("Authorization", "Bearer " + target.accessToken()).GET());
            targets.add(target);
        }
        return targets;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(ANSWER_PATIENCE).build();
        try {
            HttpResponse<String> answer = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(built.method() + " " + built.uri() + " answered "
                        + answer.statusCode() + " " + answer.body() + ", not 200");
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, String> body) {
        try {
            return new ObjectMapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(int member) {
        return "reader" + member;
    }

    private static String email(int member) {
        return name(member) + "@http-reads.bench";
    }
}
