package org.bunnybook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.bench.ChaosHttp.Answer;
import org.bunnybook.bench.ChaosLoad.Tally;
import org.bunnybook.embedded.EmbeddedNeo4jServer;
import org.bunnybook.embedded.EmbeddedPostgresServer;
import org.bunnybook.embedded.EmbeddedRedisServer;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault drill: PostgreSQL, Redis and Neo4j started once, three application nodes as JVM processes of their own on
 * them, a steady mixed load through all three ({@link ChaosLoad}), and one fault after another while it runs:
 * {@code kill -9} of a node, a PostgreSQL restart, Redis stopped, Neo4j stopped, PostgreSQL stalled at the network
 * (a {@link TcpProxy} every node reaches it through). After each fault heals, the time until every processing group
 * has handled everything stored before the healing is measured. When the load stops, {@link ChaosChecker} compares
 * what was acknowledged with what is stored and shown, and the drill prints its table.
 * <p>
 * {@code java -jar bench/target/bunnybook-bench.jar chaos [--members=24] [--rate=20] [--baseline=20]
 * [--outage=30] [--stall=15] [--jar=web/target/bunnybook-exec.jar]}; {@code ChaosDrillTest} runs a short one.
 */
final class ChaosDrill {

    /** What one run found. */
    record Result(List<Row> rows, long lost, Map<String, String> rebuildsThatDiffer, long chatsMissing,
                  long deadLetters, boolean ledgerIntact, Map<String, Long> unexpectedErrors, boolean converged,
                  Duration took) {

        boolean passed() {
            return lost == 0 && rebuildsThatDiffer.isEmpty() && chatsMissing == 0 && deadLetters == 0 && ledgerIntact
                    && unexpectedErrors.isEmpty() && converged;
        }
    }

    /** One line of the table. */
    record Row(String fault, long requests, long ok, long unavailable, long cutOff, long otherErrors, long acked,
               long lost, Duration converged) {
    }

    /** The drill's size: how many members, how fast, how long each fault. */
    record Plan(int members, double rate, boolean rejoin, Duration baseline, Duration outage, Duration stall,
                Path jar) {

        static Plan of(Map<String, String> options) {
            return new Plan(Integer.parseInt(options.getOrDefault("members", "24")),
                    Double.parseDouble(options.getOrDefault("rate", "20")),
                    Boolean.parseBoolean(options.getOrDefault("rejoin", "true")),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("baseline", "20"))),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("outage", "30"))),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("stall", "15"))),
                    Path.of(options.getOrDefault("jar", "web/target/bunnybook-exec.jar")));
        }
    }

    /** Requests under way at most: enough that those a fault holds do not slow the load down. */
    private static final int IN_FLIGHT = 64;
    private static final Duration CONVERGE_PATIENCE = Duration.ofMinutes(4);
    private static final String ADMIN_EMAIL = "chaos-admin@drill.test";
    private static final String ADMIN_PASSWORD = "chaos-admin-password";
    /** Errors a client may be answered without the system failing it: a clear 503, a request the kill cut off. */
    private static final Set<String> ALLOWED = Set.of("2xx", "503", ChaosLoad.CUT_OFF);

    private final Plan plan;
    private final Path folder;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> phases = new ArrayList<>(List.of("setup"));
    private final Map<String, Duration> convergence = new LinkedHashMap<>();
    private final List<ChaosNode> nodes = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedRedisServer redis;
    private EmbeddedNeo4jServer neo4j;
    private TcpProxy postgresProxy;
    /** The checker's own clients of Neo4j and Redis, closed with the stores. */
    private final List<AutoCloseable> clients = new ArrayList<>();
    private boolean stopped;

    ChaosDrill(Plan plan) {
        this.plan = plan;
        try {
            this.folder = Files.createTempDirectory("bunnybook-chaos-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the whole drill, prints its table and checks, and stops everything it started, whatever happens. */
    Result run() {
        if (!Files.isRegularFile(plan.jar())) {
            throw new IllegalStateException("no application jar at " + plan.jar().toAbsolutePath()
                    + ": build it first (./mvnw -B -ntp -o package -pl web -am -DskipTests)");
        }
        long started = System.nanoTime();
        boolean passed = false;
        // Ctrl-C or SIGTERM must not leave three nodes, PostgreSQL and Redis running without their drill
        Thread cleanUp = new Thread(this::stopEverything, "chaos-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            startStores();
            startNodes();
            Result result = drill(started);
            passed = result.passed();
            return result;
        } finally {
            stopEverything();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook has run
            }
            if (passed) {
                deleteRecursively(folder);
            } else {
                System.out.println("The nodes' logs are kept in " + folder);
            }
        }
    }

    private Result drill(long started) {
        ChaosNode first = nodes.get(0);
        String admin = login(first, ADMIN_EMAIL, ADMIN_PASSWORD);
        ChaosLoad load = new ChaosLoad(nodes);
        ChaosChecker checker = new ChaosChecker(jdbc(), digests(), first.port(), admin);
        System.out.printf("%d members, %.0f requests/s; nodes on ports %s%n", plan.members(), plan.rate(),
                nodes.stream().map(ChaosNode::port).toList());
        load.setUp(plan.members());
        load.start(plan.rate(), IN_FLIGHT);

        fault(load, checker, "none (baseline)", () -> Quiet.pause(plan.baseline().toMillis()));
        ChaosNode victim = nodes.get(1);
        fault(load, checker, "kill -9 of " + victim.name(), victim::kill);
        if (plan.rejoin()) {
            phase(load, "restart of " + victim.name(), () -> {
                victim.start();
                victim.awaitReady(Duration.ofMinutes(8)); // minutes on a machine busy with other builds
            });
        }
        fault(load, checker, "PostgreSQL restart", this::restartPostgres);
        fault(load, checker, "Redis stopped " + plan.outage().toSeconds() + " s", () -> {
            redis.stop();
            Quiet.pause(plan.outage().toMillis());
            redis.restart();
        });
        fault(load, checker, "Neo4j stopped " + plan.outage().toSeconds() + " s", () -> {
            neo4j.stop();
            Quiet.pause(plan.outage().toMillis());
            neo4j.restart();
        });
        fault(load, checker, "PostgreSQL stalled " + plan.stall().toSeconds() + " s (proxy)", () -> {
            postgresProxy.stall();
            Quiet.pause(plan.stall().toMillis());
            postgresProxy.resume();
        });
        phases.add("after the load");
        load.phase("after the load");
        load.stop();
        convergence.put("after the load", converge(checker, "after the load", System.nanoTime()));
        boolean converged = !convergence.containsValue(null);
        return check(load, checker, converged, started);
    }

    /** A fault while the load runs: made, healed, then the time until the read models caught up is measured. */
    private void fault(ChaosLoad load, ChaosChecker checker, String name, Runnable faultAndHealing) {
        phase(load, name, () -> {
            faultAndHealing.run();
            convergence.put(name, converge(checker, name, System.nanoTime()));
            Quiet.pause(2000); // a little load on the healed system, counted with the fault
        });
    }

    private void phase(ChaosLoad load, String name, Runnable during) {
        System.out.printf("%s ...%n", name);
        phases.add(name);
        load.phase(name);
        during.run();
    }

    /**
     * From {@code healed} until every processing group has handled every event stored by then, nothing is parked and
     * every node is ready; null if that did not happen within {@link #CONVERGE_PATIENCE}.
     */
    private Duration converge(ChaosChecker checker, String name, long healed) {
        long head = -1;
        while (System.nanoTime() - healed < CONVERGE_PATIENCE.toNanos()) {
            try {
                JsonNode groups = checker.projections();
                if (head < 0) {
                    for (JsonNode group : groups) {
                        head = Math.max(head, group.path("head").asLong());
                    }
                }
                boolean caughtUp = true;
                for (JsonNode group : groups) {
                    caughtUp &= !group.path("position").isNull() && group.path("position").asLong() >= head
                            && group.path("deadLetters").asLong() == 0;
                }
                if (caughtUp && nodes.stream().filter(ChaosNode::up).allMatch(ChaosNode::ready)) {
                    Duration took = Duration.ofNanos(System.nanoTime() - healed);
                    System.out.printf("  converged %.1f s after healing%n", took.toMillis() / 1000.0);
                    return took;
                }
            } catch (RuntimeException e) {
                // the node answering is still recovering itself: ask again
            }
            Quiet.pause(250);
        }
        System.out.printf("  NOT converged %d s after %s healed%n", CONVERGE_PATIENCE.toSeconds(), name);
        return null;
    }

    private Result check(ChaosLoad load, ChaosChecker checker, boolean converged, long started) {
        System.out.println("Checking ...");
        Map<String, List<String>> notOnce = checker.notStoredOnce(load.acks());
        Map<String, List<String>> missing = checker.missingFromPartners(load.chats());
        long deadLetters = checker.deadLetters();
        long unansweredStored = checker.storedOfUnanswered(load.unanswered());
        JsonNode ledger = checker.verifyLedger();
        Map<String, String> differ = checker.rebuildsThatDiffer();

        Map<String, Long> unexpected = new LinkedHashMap<>();
        long lost = 0;
        for (String phase : phases) {
            Tally tally = load.tally(phase);
            long acked = load.acks().stream().filter(ack -> ack.phase().equals(phase)).count();
            long wrong = notOnce.getOrDefault(phase, List.of()).size()
                    + missing.getOrDefault(phase, List.of()).size();
            lost += wrong;
            long other = 0;
            for (Map.Entry<String, java.util.concurrent.atomic.AtomicLong> outcome : tally.outcomes.entrySet()) {
                if (!ALLOWED.contains(outcome.getKey())) {
                    other += outcome.getValue().get();
                    unexpected.merge(phase + ": " + outcome.getKey(), outcome.getValue().get(), Long::sum);
                }
            }
            rows.add(new Row(phase, tally.requests.get(), tally.of("2xx"), tally.of("503"), tally.of(ChaosLoad.CUT_OFF),
                    other, acked, wrong, convergence.get(phase)));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Result result = new Result(List.copyOf(rows), lost, differ,
                missing.values().stream().mapToLong(List::size).sum(), deadLetters,
                ledger.path("intact").asBoolean(), unexpected, converged, took);
        print(result, ledger, notOnce, missing);
        if (!load.unanswered().isEmpty()) {
            System.out.printf("  %d chat messages never answered (neither acknowledged nor refused); %d of them stored"
                    + "%n", load.unanswered().size(), unansweredStored);
        }
        return result;
    }

    private void print(Result result, JsonNode ledger, Map<String, List<String>> notOnce,
                       Map<String, List<String>> missing) {
        System.out.printf("%nFault drill, %s, 3 nodes (%d members, %.0f requests/s), whole drill %d s:%n",
                LocalDate.now(), plan.members(), plan.rate(), result.took().toSeconds());
        System.out.printf("%-34s %9s %7s %6s %8s %7s %7s %5s %10s%n", "fault", "requests", "2xx", "503",
                "cut off", "other", "acked", "lost", "converged");
        for (Row row : result.rows()) {
            System.out.printf("%-34s %9d %7d %6d %8d %7d %7d %5d %10s%n", row.fault(), row.requests(), row.ok(),
                    row.unavailable(), row.cutOff(), row.otherErrors(), row.acked(), row.lost(),
                    row.converged() == null ? "-" : "%.1f s".formatted(row.converged().toMillis() / 1000.0));
        }
        System.out.println("(requests: HTTP requests and chat messages begun during the fault, from its making until "
                + "2 s after the read models caught up; cut off: requests to the node the drill had just killed; "
                + "lost: acknowledged but not stored exactly once, or missing from the partner's history)");
        result.unexpectedErrors().forEach((what, count) -> System.out.printf("  other error %s: %d%n", what, count));
        notOnce.values().stream().flatMap(List::stream).limit(20).forEach(line -> System.out.println("  " + line));
        missing.values().stream().flatMap(List::stream).limit(20).forEach(line -> System.out.println("  " + line));
        check("0 acknowledged writes lost or stored twice", result.lost() == 0);
        check("every read model equals its rebuild from scratch", result.rebuildsThatDiffer().isEmpty());
        check("no acknowledged chat message missing from the partner's history", result.chatsMissing() == 0);
        check("no dead letter left", result.deadLetters() == 0);
        check("the ledger verifies (" + ledger + ")", result.ledgerIntact());
        check("no error but clear 503s (and requests the kill cut off)", result.unexpectedErrors().isEmpty());
        check("every read model caught up after every fault", result.converged());
        check("whole drill under 15 minutes", result.took().compareTo(Duration.ofMinutes(15)) < 0);
    }

    private static void check(String what, boolean passed) {
        System.out.printf("%s  %s%n", passed ? "PASS" : "FAIL", what);
    }

    // --- the stores and the nodes ---

    private void startStores() {
        postgres = EmbeddedPostgresServer.start(folder.resolve("postgres"), true);
        postgresProxy = new TcpProxy(portOf(postgres));
        redis = EmbeddedRedisServer.start(folder.resolve("redis"));
        neo4j = EmbeddedNeo4jServer.start(folder.resolve("neo4j"));
    }

    /** Stops PostgreSQL (a fast shutdown, its connections broken) and starts it again on the same data. */
    private void restartPostgres() {
        postgres.close();
        postgres = EmbeddedPostgresServer.start(folder.resolve("postgres"), true);
        postgresProxy.target(portOf(postgres)); // the nodes reach it where they always did
    }

    private void startNodes() {
        List<String> properties = List.of(
                "--bunnybook.embedded.enabled=false",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgresProxy.port() + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redis.port(),
                "--spring.neo4j.uri=" + neo4j.boltUri(),
                "--spring.neo4j.authentication.username=neo4j",
                "--spring.neo4j.authentication.password=unused",
                "--bunnybook.jwt.secret=chaos-drill-secret-chaos-drill-secret-chaos-drill",
                "--bunnybook.integrity.key=chaos-drill-integrity-key-chaos-drill-integrity",
                "--bunnybook.jwt.access-lifetime=2h", // the members' tokens outlive the drill
                "--bunnybook.rate-limit.enabled=false", // a few members making all the load are not abusers
                "--bunnybook.admin.email=" + ADMIN_EMAIL,
                "--bunnybook.admin.password=" + ADMIN_PASSWORD,
                "--bunnybook.admin.username=chaosadmin",
                // what an outage parked is tried again soon, so convergence measures recovery, not the retry period
                "--bunnybook.dead-letters.retry-interval=5s",
                "--logging.level.root=WARN",
                "--logging.level.org.bunnybook.web.BunnybookApplication=INFO"); // when it started, how fast
        for (int n = 1; n <= 3; n++) {
            nodes.add(new ChaosNode("node-" + n, plan.jar(), properties, folder));
        }
        long started = System.nanoTime();
        // One after another: two nodes starting at once on an empty Neo4j collide on Neo4j-Migrations' lock node
        // and one of them fails to start (RELIABILITY.md, "Not guaranteed yet").
        for (ChaosNode node : nodes) {
            node.start();
            node.awaitReady(Duration.ofMinutes(8)); // minutes on a machine busy with other builds
        }
        System.out.printf("3 nodes ready in %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    /** Stops the nodes, the checker's clients and the stores, once, from whichever thread gets here first. */
    private synchronized void stopEverything() {
        if (stopped) {
            return;
        }
        stopped = true;
        nodes.forEach(ChaosNode::stop);
        clients.forEach(ChaosDrill::closeQuietly);
        stopStores();
    }

    private void stopStores() {
        for (AutoCloseable store : new AutoCloseable[]{postgresProxy, neo4j, redis, postgres}) {
            if (store != null) {
                closeQuietly(store);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("could not stop " + closeable + ": " + e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }

    private static int portOf(EmbeddedPostgresServer postgres) {
        Matcher port = Pattern.compile(":(\\d+)/").matcher(postgres.jdbcUrl());
        if (!port.find()) {
            throw new IllegalStateException("no port in " + postgres.jdbcUrl());
        }
        return Integer.parseInt(port.group(1));
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(),
                "jdbc:postgresql://127.0.0.1:" + postgresProxy.port() + "/postgres", "postgres", ""));
    }

    private ReadModelDigests digests() {
        Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none());
        LettuceConnectionFactory connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        connections.afterPropertiesSet();
        connections.start();
        clients.add(driver);
        clients.add(connections::destroy);
        return new ReadModelDigests(jdbc(), Neo4jClient.create(driver), new StringRedisTemplate(connections));
    }

    private static String login(ChaosNode node, String email, String password) {
        Answer login = new ChaosHttp().send(node.port(), "POST", "/web/login", null,
                Map.of("email", email, "password", password));
        if (!login.ok()) {
            throw new IllegalStateException("could not log " + email + " in: " + login.outcome() + " "
                    + login.body());
        }
        return login.text("accessToken");
    }
}
