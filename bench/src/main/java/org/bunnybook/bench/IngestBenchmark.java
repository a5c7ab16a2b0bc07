package org.bunnybook.bench;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.RegisterAccount;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.api.chat.FindConversationMembers;
import org.bunnybook.api.chat.PostMessage;
import org.bunnybook.api.friendship.AcceptFriendRequest;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.friendship.SendFriendRequest;
import org.bunnybook.api.post.CommentOnPost;
import org.bunnybook.api.post.CreatePost;
import org.bunnybook.api.post.LikePost;
import org.bunnybook.api.post.Privacy;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * How much steady mixed load the system takes while every read model keeps up. A population of members, friendships
 * (with their conversations) and posts is set up first; then, for each target rate in turn, commands of every kind a
 * member sends (see {@link #MIX}) are sent through the command gateway for a step of fixed length, open loop: each
 * command has its time in the schedule and is sent then by one of many senders whatever happened to the ones before,
 * so a slow system gets a queue rather than less load; a command's latency is counted from its scheduled time.
 * During the step every processing group's lag behind the head of the event store is sampled every 100 ms: the age
 * of the oldest event the group's slowest segment has not handled, and how many positions it is behind, as the
 * group's processor has it, and the age again as the token store has it (see {@link LagSampler} for why the two
 * differ). When the load stops, the time until every group has handled everything stored by then is taken. The ramp
 * stops after the first step at which some group's p99 lag reached 1 s or fewer than 95 % of the offered commands
 * were accepted within the step; the highest step before it is printed.
 * <p>
 * Before the first step the mix runs for a warm-up at the first rate, printed but not judged: in a CPU profile of a
 * step started right after the set-up, a quarter of the CPU went to the JIT's compiler threads (docs/performance.md,
 * "Ingest, third pass"), which a server that has been up for a minute no longer spends.
 */
final class IngestBenchmark {

    private static final String NO_PASSWORD = "$2a$10$benchmarkbenchmarkbenchmarkbenchmarkbenchmarkbenchmark";
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);
    private static final double LAG_LIMIT_MILLIS = 1000;
    private static final double ACCEPTED_SHARE = 0.95;
    private static final Duration IN_FLIGHT_PATIENCE = Duration.ofSeconds(120);
    private static final Duration CATCH_UP_PATIENCE = Duration.ofMinutes(10);
    private static final int RECENT_POSTS = 4096;

    /** What members send, in shares of every 100 commands: mostly chat messages, likes and comments. */
    private enum Kind {
        REGISTER(2), FRIEND_REQUEST(4), ACCEPT(3), POST(16), COMMENT(20), LIKE(25), CHAT(30);

        final int share;

        Kind(int share) {
            this.share = share;
        }
    }

    private static final Kind[] MIX = Arrays.stream(Kind.values())
            .flatMap(kind -> Stream.generate(() -> kind).limit(kind.share))
            .toArray(Kind[]::new);

    private final ConfigurableApplicationContext application;
    private final CommandGateway commands;
    private final int[] rates;
    private final Duration step;
    private final Duration warmUp;
    private final int members;
    private final int friends;
    private final int senders;
    private final Population population = new Population();

    IngestBenchmark(ConfigurableApplicationContext application, int[] rates, Duration step, Duration warmUp,
                    int members, int friends, int senders) {
        this.application = application;
        this.commands = application.getBean(CommandGateway.class);
        this.rates = rates;
        this.step = step;
        this.warmUp = warmUp;
        this.members = members;
        this.friends = friends;
        this.senders = senders;
    }

    void run() {
        long setUp = System.nanoTime();
        setUpPopulation();
        System.out.printf("%nPopulation: %d members, %d friendships with their conversations, %d posts (set up in "
                        + "%.0f s)%n", population.memberCount(), population.conversationCount(),
                population.postCount.get(), (System.nanoTime() - setUp) / 1e9);
        System.out.printf("Mix per 100 commands: %s%n", String.join(", ", Arrays.stream(Kind.values())
                .map(kind -> kind.share + " " + kind.name().toLowerCase().replace('_', ' ')).toList()));
        System.out.printf("Steps of %d s, open loop with %d senders. Sampled every %d ms: lag = age of the oldest "
                        + "event a group's slowest segment has not handled, as the group's processor has it (behind: "
                        + "positions behind the store's head); stored lag = the same age as the token store has it, "
                        + "which trails by up to a claim extension for groups with no events of theirs to handle. A "
                        + "step passes when every group's p99 lag < %.0f ms and >= %.0f %% of the offered commands "
                        + "were accepted within the step.%n", step.toSeconds(), senders, SAMPLE_EVERY.toMillis(),
                LAG_LIMIT_MILLIS, ACCEPTED_SHARE * 100);
        Integer best = null;
        String stoppedBy = null;
        try (LagSampler lags = new LagSampler(application)) {
            if (!warmUp.isZero()) {
                step(rates[0], warmUp, lags).printWarmUp();
            }
            for (int rate : rates) {
                StepResult result = step(rate, step, lags);
                result.print();
                if (!result.passed()) {
                    stoppedBy = "%d commands/s: %s".formatted(rate, result.failures());
                    break;
                }
                best = rate;
            }
        }
        System.out.printf("%nHighest rate at which every group's p99 lag stayed under %.0f ms: %s%n", LAG_LIMIT_MILLIS,
                best == null ? "none of the rates tried" : best + " commands/s");
        System.out.println(stoppedBy == null ? "(every step passed; try higher --rates=)"
                : "(stopped at " + stoppedBy + ")");
    }

    // --- the population ---

    /** Who exists and what they may do: read and changed by many senders at once. */
    private static final class Population {

        private final List<Member> members = new ArrayList<>();
        private final Set<String> related = ConcurrentHashMap.newKeySet();
        private final ConcurrentLinkedQueue<Request> pending = new ConcurrentLinkedQueue<>();
        private final AtomicReferenceArray<UUID> recentPosts = new AtomicReferenceArray<>(RECENT_POSTS);
        private final AtomicLong postCount = new AtomicLong();
        private final AtomicInteger joiners = new AtomicInteger();

        synchronized void add(Member member) {
            members.add(member);
        }

        synchronized Member any() {
            return members.get(ThreadLocalRandom.current().nextInt(members.size()));
        }

        synchronized int memberCount() {
            return members.size();
        }

        synchronized int conversationCount() {
            return members.stream().mapToInt(member -> member.friends().size()).sum() / 2;
        }

        void posted(UUID post) {
            recentPosts.set((int) (postCount.getAndIncrement() % RECENT_POSTS), post);
        }

        UUID anyRecentPost() {
            int known = (int) Math.min(postCount.get(), RECENT_POSTS);
            return recentPosts.get(ThreadLocalRandom.current().nextInt(known));
        }
    }

    /** A member; {@code friends} are the friendships set up before the load, whose conversations are open. */
    private record Member(UUID id, String username, List<Member> friends) {
    }

    private record Request(Member requester, Member target) {
    }

    private void setUpPopulation() {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Member> all = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                all.add(new Member(UUID.randomUUID(), "ingester" + i, new ArrayList<>()));
            }
            inParallel(pool, all.stream().<Runnable>map(member -> () -> commands.sendAndWait(register(member)))
                    .toList());
            List<Request> friendships = new ArrayList<>();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int made = 0; made < members * friends / 2; ) {
                Member one = all.get(random.nextInt(members));
                Member other = all.get(random.nextInt(members));
                if (one != other && population.related.add(FriendshipId.of(one.id(), other.id()))) {
                    one.friends().add(other);
                    other.friends().add(one);
                    friendships.add(new Request(one, other));
                    made++;
                }
            }
            inParallel(pool, friendships.stream().<Runnable>map(pair -> () -> {
                commands.sendAndWait(friendRequest(pair));
                commands.sendAndWait(new AcceptFriendRequest(FriendshipId.of(pair.requester().id(),
                        pair.target().id()), pair.target().id()));
            }).toList());
            inParallel(pool, all.stream().<Runnable>map(member -> () -> {
                CreatePost post = post(member, member);
                commands.sendAndWait(post);
                population.posted(post.postId());
            }).toList());
            all.forEach(population::add);
            // each acceptance opens the pair's conversation asynchronously (a process sends the command)
            QueryGateway queries = application.getBean(QueryGateway.class);
            for (Request pair : friendships) {
                UUID chat = ChatGroupId.of(pair.requester().id(), pair.target().id());
                Quiet.until(Duration.ofMinutes(5), () -> queries.query(new FindConversationMembers(chat, true),
                        ResponseTypes.multipleInstancesOf(UUID.class)).join().size() == 2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void inParallel(ExecutorService pool, List<Runnable> work) {
        work.stream().map(each -> pool.submit(each)).toList().forEach(future -> {
            try {
                future.get();
            } catch (Exception e) {
                throw new IllegalStateException("setting up the population failed", e);
            }
        });
    }

    // --- the commands ---

    /** A command of the mix, and what to remember once it is accepted. */
    private record Planned(Kind kind, Object command, Runnable whenAccepted) {
    }

    private Planned next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Kind kind = MIX[random.nextInt(MIX.length)];
        Member member = population.any();
        switch (kind) {
            case REGISTER -> {
                String username = "joiner" + population.joiners.incrementAndGet();
                Member joiner = new Member(UUID.randomUUID(), username, List.of());
                return new Planned(kind, register(joiner), () -> population.add(joiner));
            }
            case FRIEND_REQUEST -> {
                for (int attempt = 0; attempt < 5; attempt++) {
                    Member target = population.any();
                    if (target != member && population.related.add(FriendshipId.of(member.id(), target.id()))) {
                        Request request = new Request(member, target);
                        return new Planned(kind, friendRequest(request), () -> population.pending.add(request));
                    }
                }
            }
            case ACCEPT -> {
                Request request = population.pending.poll();
                if (request != null) {
                    return new Planned(kind, new AcceptFriendRequest(FriendshipId.of(request.requester().id(),
                            request.target().id()), request.target().id()), () -> {
                    });
                }
            }
            case COMMENT -> {
                return new Planned(kind, new CommentOnPost(population.anyRecentPost(), UUID.randomUUID(),
                        member.id(), member.username(), "a comment of the ingest benchmark"), () -> {
                });
            }
            case LIKE -> {
                return new Planned(kind, new LikePost(population.anyRecentPost(), member.id(), member.username()),
                        () -> {
                        });
            }
            case CHAT -> {
                if (!member.friends().isEmpty()) {
                    Member friend = member.friends().get(random.nextInt(member.friends().size()));
                    return new Planned(kind, new PostMessage(ChatGroupId.of(member.id(), friend.id()),
                            UUID.randomUUID(), member.id(), member.username(), "a message of the ingest benchmark",
                            null), () -> {
                    });
                }
            }
            default -> {
            }
        }
        // a post; also what a member does who has no one left to befriend, no request to accept or no friend to chat
        // with (a joiner): rarely, so the mix stays close to its shares
        Member wall = !member.friends().isEmpty() && random.nextInt(5) == 0
                ? member.friends().get(random.nextInt(member.friends().size())) : member;
        CreatePost post = post(member, wall);
        return new Planned(Kind.POST, post, () -> population.posted(post.postId()));
    }

    private static RegisterAccount register(Member member) {
        return new RegisterAccount(member.id(), member.username(), member.username() + "@ingest.bench", NO_PASSWORD,
                member.username());
    }

    private static SendFriendRequest friendRequest(Request request) {
        return new SendFriendRequest(FriendshipId.of(request.requester().id(), request.target().id()),
                request.requester().id(), request.requester().username(), request.target().id(),
                request.target().username());
    }

    private static CreatePost post(Member author, Member wall) {
        return new CreatePost(UUID.randomUUID(), author.id(), author.username(), wall.id(),
                "a post of the ingest benchmark", Privacy.PUBLIC);
    }

    // --- one step ---

    private StepResult step(int rate, Duration step, LagSampler lags) {
        Quiet.untilProjected(application);
        StepResult result = new StepResult(rate, step, lags.groups());
        LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(senders, senders, 0, TimeUnit.MILLISECONDS, queue);
        pool.prestartAllCoreThreads();
        long total = (long) rate * step.toSeconds();
        long start = System.nanoTime();
        long end = start + step.toNanos();
        LagSampler.Sampling sampling = lags.start(SAMPLE_EVERY, result.samples);
        for (long n = 0; n < total; n++) {
            long due = start + n * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pool.execute(() -> send(due, end, result));
        }
        LockSupport.parkNanos(end - System.nanoTime());
        result.sampling = sampling.stop();
        // the load stops: what is scheduled and not yet sent is dropped, what was sent is answered first
        List<Runnable> unsent = new ArrayList<>();
        queue.drainTo(unsent);
        result.unsent = unsent.size();
        pool.shutdown();
        long patience = System.nanoTime() + IN_FLIGHT_PATIENCE.toNanos();
        while (!(pool.isTerminated() && result.inFlight.get() == 0) && System.nanoTime() < patience) {
            LockSupport.parkNanos(SAMPLE_EVERY.toNanos());
        }
        result.unanswered = result.inFlight.get(); // given up on: the catch-up starts without them
        long stopped = System.nanoTime();
        result.catchUp = lags.catchUp(lags.head(), stopped, CATCH_UP_PATIENCE);
        result.answered = stopped - end;
        return result;
    }

    private void send(long due, long end, StepResult result) {
        Planned planned;
        try {
            planned = next();
        } catch (RuntimeException e) {
            result.failed(null, e);
            return;
        }
        result.inFlight.incrementAndGet();
        try {
            commands.send(planned.command()).whenComplete((answer, failure) -> {
                long now = System.nanoTime();
                if (failure == null) {
                    planned.whenAccepted().run();
                    result.accepted(planned.kind(), now - due, now <= end);
                } else {
                    result.failed(planned.kind(), failure);
                }
                result.inFlight.decrementAndGet();
            });
        } catch (RuntimeException e) {
            result.failed(planned.kind(), e);
            result.inFlight.decrementAndGet();
        }
    }

    /** What one step measured. */
    private final class StepResult {

        final int rate;
        final Duration step;
        final LagSampler.Samples samples;
        final Latencies latencies = new Latencies(1 << 16);
        final AtomicLong inFlight = new AtomicLong();
        final AtomicLongArray acceptedByKind = new AtomicLongArray(Kind.values().length);
        final AtomicLong acceptedInStep = new AtomicLong();
        final AtomicLong acceptedAfter = new AtomicLong();
        final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        int unsent;
        long unanswered;
        long answered;
        Map<String, Long> catchUp;
        Latencies sampling;

        StepResult(int rate, Duration step, List<String> groups) {
            this.rate = rate;
            this.step = step;
            this.samples = LagSampler.Samples.of(groups);
        }

        void accepted(Kind kind, long nanos, boolean inStep) {
            acceptedByKind.incrementAndGet(kind.ordinal());
            (inStep ? acceptedInStep : acceptedAfter).incrementAndGet();
            synchronized (latencies) {
                latencies.add(nanos);
            }
        }

        void failed(Kind kind, Throwable failure) {
            Throwable cause = failure;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String key = (kind == null ? "choosing" : kind.name().toLowerCase()) + ": "
                    + cause.getClass().getSimpleName();
            failures.computeIfAbsent(key, ignored -> new AtomicLong()).incrementAndGet();
        }

        long failedCount() {
            return failures.values().stream().mapToLong(AtomicLong::get).sum();
        }

        double acceptedPerSecond() {
            return acceptedInStep.get() / (double) step.toSeconds();
        }

        /** Why the step did not pass; empty if it did. */
        String failures() {
            List<String> why = new ArrayList<>();
            if (acceptedInStep.get() < ACCEPTED_SHARE * rate * step.toSeconds()) {
                why.add("%.0f commands/s accepted of %d offered".formatted(acceptedPerSecond(), rate));
            }
            samples.lags().forEach((group, lag) -> {
                if (lag.count() == 0 || lag.percentileMillis(99) >= LAG_LIMIT_MILLIS) {
                    why.add(lag.count() == 0 ? group + " not sampled"
                            : "%s p99 lag %.0f ms".formatted(group, lag.percentileMillis(99)));
                }
            });
            return String.join(", ", why);
        }

        boolean passed() {
            return failures().isEmpty();
        }

        void printWarmUp() {
            String slowest = samples.lags().entrySet().stream().filter(entry -> entry.getValue().count() > 0)
                    .max(Comparator.comparingDouble(entry -> entry.getValue().percentileMillis(99)))
                    .map(entry -> "%s %.0f ms".formatted(entry.getKey(), entry.getValue().percentileMillis(99)))
                    .orElse("-");
            System.out.printf("%nWarm-up at %d commands/s for %d s (not judged): %d accepted (%.0f/s), %d failed; "
                            + "command p50 / p99 %.1f / %.1f ms; highest group p99 lag: %s%n", rate, step.toSeconds(),
                    acceptedInStep.get(), acceptedPerSecond(), failedCount(), latencies.percentileMillis(50),
                    latencies.percentileMillis(99), slowest);
        }

        void print() {
            System.out.printf("%nStep %d commands/s for %d s: %d scheduled, %d accepted within the step (%.0f/s), "
                            + "%d after it, %d failed, %d never sent (still queued when the step ended), %d not "
                            + "answered %d s after the step; the last answer came %.1f s after the step%n", rate,
                    step.toSeconds(), (long) rate * step.toSeconds(), acceptedInStep.get(), acceptedPerSecond(),
                    acceptedAfter.get(), failedCount(), unsent, unanswered, IN_FLIGHT_PATIENCE.toSeconds(),
                    answered / 1e9);
            System.out.printf("  command latency from its scheduled time, p50 / p99: %.1f / %.1f ms%n",
                    latencies.percentileMillis(50), latencies.percentileMillis(99));
            List<String> byKind = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                byKind.add(kind.name().toLowerCase().replace('_', ' ') + " " + acceptedByKind.get(kind.ordinal()));
            }
            System.out.printf("  accepted by kind: %s%n", String.join(", ", byKind));
            if (!failures.isEmpty()) {
                System.out.printf("  failures: %s%n", failures);
            }
            System.out.printf("  a lag sample took p50 / p99: %.1f / %.1f ms; catch-up: from the last answer to "
                    + "the group's handling everything stored by then%n", sampling.percentileMillis(50),
                    sampling.percentileMillis(99));
            System.out.printf("  %-24s %8s %19s %19s %22s %10s%n", "processing group", "samples",
                    "lag p50/p99 ms", "behind p50/p99", "stored lag p50/p99 ms", "catch-up");
            samples.lags().forEach((group, lag) -> {
                Long caughtUp = catchUp.get(group);
                System.out.printf("  %-24s %8d %19s %19s %22s %10s%n", group, lag.count(), millis(lag),
                        counts(samples.behind().get(group)), millis(samples.storedLags().get(group)),
                        caughtUp == null ? "> " + CATCH_UP_PATIENCE.toSeconds() + " s"
                                : "%.1f s".formatted(caughtUp / 1e9));
            });
            System.out.printf("  %s%n", passed() ? "passed" : "FAILED: " + failures());
        }
    }

    private static String millis(Latencies lag) {
        return lag.count() == 0 ? "-" : "%.0f / %.0f".formatted(lag.percentileMillis(50), lag.percentileMillis(99));
    }

    private static String counts(Latencies behind) {
        return behind.count() == 0 ? "-" : "%d / %d".formatted(behind.percentile(50), behind.percentile(99));
    }
}
