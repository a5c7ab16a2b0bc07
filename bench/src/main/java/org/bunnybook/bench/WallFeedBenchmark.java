package org.bunnybook.bench;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bunnybook.api.account.RegisterAccount;
import org.bunnybook.api.friendship.AcceptFriendRequest;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.friendship.SendFriendRequest;
import org.bunnybook.api.post.CreatePost;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.api.post.PostView;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.query.wall.WallReads;
import org.bunnybook.query.wall.WallStore;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Home-feed and wall-page reads under concurrent load, through the application's cached read path (Redis timelines,
 * cached posts and wall pages) and through PostgreSQL alone, in the same run. The history is written as commands, so
 * every read model (the Redis timelines included) is built by its own projection, as in production.
 */
final class WallFeedBenchmark {

    private static final int WARM_UP = 200;
    private static final int PAGE = 10;
    private static final String NO_PASSWORD = "$2a$10$benchmarkbenchmarkbenchmarkbenchmarkbenchmarkbenchmark";

    private final ConfigurableApplicationContext application;
    private final CommandGateway commands;
    private final WallReads cached;
    private final WallStore postgres;
    private final int members;
    private final int friendsEach;
    private final int postsEach;
    private final int threads;
    private final int samples;
    private final SplittableRandom random = new SplittableRandom(20261125);
    private final List<UUID> ids = new ArrayList<>();

    WallFeedBenchmark(ConfigurableApplicationContext application, int members, int friendsEach, int postsEach,
                      int threads, int samples) {
        this.application = application;
        this.commands = application.getBean(CommandGateway.class);
        this.cached = application.getBean(WallReads.class);
        this.postgres = application.getBean(WallStore.class);
        this.members = members;
        this.friendsEach = friendsEach;
        this.postsEach = postsEach;
        this.threads = threads;
        this.samples = samples;
    }

    void run() {
        long started = System.nanoTime();
        int friendships = writeHistory();
        Quiet.untilProjected(application); // measure on a quiet machine
        System.out.printf("Wrote %,d members, %,d friendships and %,d posts as commands and projected them in %.1f s%n",
                members, friendships, members * postsEach, (System.nanoTime() - started) / 1e9);
        checkSameAnswers();

        System.out.printf("%nReads of the newest %d posts, %d threads at once, %d samples each after %d warm-up (ms):%n",
                PAGE, threads, samples, WARM_UP);
        System.out.printf("%-12s %12s %12s %12s %12s %16s %16s%n", "read", "cached p50", "cached p99",
                "postgres p50", "postgres p99", "p50 postgres/c.", "p99 postgres/c.");
        report("home feed", measure(member -> cached.feed(member, first())),
                measure(member -> postgres.feed(member, first())));
        BiFunction<UUID, UUID, List<PostView>> cachedWall = (wall, viewer) -> cached.wall(wall, viewer, first());
        BiFunction<UUID, UUID, List<PostView>> postgresWall = (wall, viewer) -> postgres.wall(wall, viewer, first());
        report("wall page", measure(member -> cachedWall.apply(member, someone())),
                measure(member -> postgresWall.apply(member, someone())));
    }

    /** Members, random friendships, and posts on the members' own walls (a quarter for friends only). */
    private int writeHistory() {
        for (int i = 0; i < members; i++) {
            ids.add(UUID.randomUUID());
        }
        inParallel(members, i -> commands.send(new RegisterAccount(ids.get(i), name(i), name(i) + "@bench.test",
                NO_PASSWORD, name(i))));
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
        inParallel(members * postsEach, i -> {
            int author = i % members;
            return commands.send(new CreatePost(UUID.randomUUID(), ids.get(author), name(author), ids.get(author),
                    "post " + i + " of the benchmark", i % 4 == 0 ? Privacy.FRIENDS : Privacy.PUBLIC));
        });
        return pairs.size();
    }

    /** Runs the commands with at most 32 in flight, and fails if any does. */
    private static void inParallel(int count, Function<Integer, CompletableFuture<?>> command) {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquireUninterruptibly();
            sent.add(command.apply(i).whenComplete((result, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    /** Both paths must answer alike, or comparing their speed means nothing. */
    private void checkSameAnswers() {
        for (int i = 0; i < 50; i++) {
            UUID member = someone();
            UUID viewer = someone();
            if (!cached.feed(member, first()).equals(postgres.feed(member, first()))) {
                throw new IllegalStateException("feeds differ for " + member);
            }
            if (!cached.wall(member, viewer, first()).equals(postgres.wall(member, viewer, first()))) {
                throw new IllegalStateException("walls differ for " + member + " read by " + viewer);
            }
        }
    }

    /** Each thread reads for random members; the first reads warm the caches (and PostgreSQL's) up. */
    private Latencies measure(Function<UUID, List<PostView>> read) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Latencies>> perThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SplittableRandom own = random.split();
                perThread.add(CompletableFuture.supplyAsync(() -> {
                    Latencies latencies = new Latencies(samples);
                    for (int i = 0; i < WARM_UP + samples; i++) {
                        UUID member = ids.get(own.nextInt(ids.size()));
                        if (i < WARM_UP) {
                            read.apply(member);
                        } else {
                            latencies.time(() -> read.apply(member));
                        }
                    }
                    return latencies;
                }, pool));
            }
            return Latencies.merged(perThread.stream().map(CompletableFuture::join).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    private UUID someone() {
        synchronized (random) {
            return ids.get(random.nextInt(ids.size()));
        }
    }

    private static PageAfter first() {
        return new PageAfter(null, null, PAGE);
    }

    private static String name(int member) {
        return "bench" + member;
    }

    private static void report(String read, Latencies cached, Latencies postgres) {
        double cached50 = cached.percentileMillis(50);
        double cached99 = cached.percentileMillis(99);
        double postgres50 = postgres.percentileMillis(50);
        double postgres99 = postgres.percentileMillis(99);
        System.out.printf("%-12s %12.2f %12.2f %12.2f %12.2f %16.2f %16.2f%n", read, cached50, cached99,
                postgres50, postgres99, postgres50 / cached50, postgres99 / cached99);
    }
}
