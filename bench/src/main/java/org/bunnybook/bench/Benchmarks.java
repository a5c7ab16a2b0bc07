package org.bunnybook.bench;

import org.bunnybook.web.BunnybookApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs benchmarks against the whole application on throw-away embedded stores and prints their figures.
 * {@code java -jar bench/target/bunnybook-bench.jar social-graph [--sizes=1000,10000,100000] [--friends=50]
 * [--samples=500] [--path-samples=1000] [--warm-up=30]} or
 * {@code java -jar bench/target/bunnybook-bench.jar wall-feed [--members=1000] [--friends=10] [--posts=10]
 * [--likes=3] [--threads=8] [--samples=1000]} or {@code ... chat [--pairs=100] [--rates=50,100,200,400]
 * [--seconds=15]} or
 * {@code ... rebuild [--events=1000000]} or {@code ... append [--seconds=10]} or
 * {@code ... ingest [--rates=250,500,1000,1500,2000] [--seconds=60] [--warm-up=30] [--members=500] [--friends=6] [--senders=256]}
 * or {@code ... chaos [--members=24] [--rate=20] [--outage=30] [--stall=15]} (a fault drill on three node processes)
 * or {@code ... http [--seconds=20] [--warm-up=60]} or {@code ... http-reads [--members=1000] [--friends=16] [--posts=10]
 * [--wrk-threads=1] [--connections=16] [--warm-up=5] [--seconds=20]} (needs {@code wrk} on the PATH)
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        // exiting runs the shutdown handlers that stop the embedded servers, whose threads would keep the JVM alive
        System.exit(status);
    }

    private static void run(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Map<String, String> options = Options.parse(args);
        if (options.getOrDefault("benchmark", "").equals("chaos")) {
            // its nodes are processes of their own, on stores it starts itself: no application in this JVM, and
            // nothing to configure the logging of the store libraries but this
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
            if (!new ChaosDrill(ChaosDrill.Plan.of(options)).run().passed()) {
                throw new IllegalStateException("the fault drill failed (see its checks above)");
            }
            return;
        }
        // given as command-line arguments, which outrank application.yml (default properties would not): a benchmark
        // must neither write into ./data nor take ports 8080 and 8081 from a running application, and its load,
        // from a few addresses and members, is what the abuse limits exist to refuse
        String[] arguments = {"--server.port=0",
                "--management.server.port=0",
                "--bunnybook.embedded.ephemeral=true",
                "--bunnybook.rate-limit.enabled=false",
                "--bunnybook.jwt.secret=benchmark-secret-benchmark-secret-benchmark",
                "--bunnybook.integrity.key=benchmark-integrity-key-benchmark-integrity-key",
                "--logging.level.root=WARN"};
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(BunnybookApplication.class)
                .run(arguments)) {
            String which = options.getOrDefault("benchmark", "social-graph");
            switch (which) {
                case "social-graph" -> new SocialGraphBenchmark(application,
                        Arrays.stream(options.getOrDefault("sizes", "1000,10000,100000").split(","))
                                .mapToInt(size -> Integer.parseInt(size.trim())).toArray(),
                        Integer.parseInt(options.getOrDefault("friends", "50")),
                        Integer.parseInt(options.getOrDefault("samples", "500")),
                        Integer.parseInt(options.getOrDefault("path-samples", "1000")),
                        Double.parseDouble(options.getOrDefault("warm-up", "30"))).run();
                case "wall-feed" -> new WallFeedBenchmark(application,
                        Integer.parseInt(options.getOrDefault("members", "1000")),
                        Integer.parseInt(options.getOrDefault("friends", "10")),
                        Integer.parseInt(options.getOrDefault("posts", "10")),
                        Integer.parseInt(options.getOrDefault("likes", "3")),
                        Integer.parseInt(options.getOrDefault("threads", "8")),
                        Integer.parseInt(options.getOrDefault("samples", "1000"))).run();
                case "chat" -> new ChatBenchmark(application,
                        // a second node on the same stores (started once per JVM, so shared)
                        () -> new SpringApplicationBuilder(BunnybookApplication.class).run(Stream.concat(
                                Arrays.stream(arguments), Stream.of("--bunnybook.node-id=second-node"))
                                .toArray(String[]::new)),
                        Integer.parseInt(options.getOrDefault("pairs", "100")),
                        Arrays.stream(options.getOrDefault("rates", "50,100,200,400").split(","))
                                .mapToInt(rate -> Integer.parseInt(rate.trim())).toArray(),
                        Integer.parseInt(options.getOrDefault("seconds", "15"))).run();
                case "rebuild" -> new RebuildBenchmark(application,
                        Integer.parseInt(options.getOrDefault("events", "1000000")),
                        Integer.parseInt(options.getOrDefault("live-events", "30000")),
                        options.getOrDefault("groups", "")).run();
                case "append" -> new AppendBenchmark(application,
                        Duration.ofSeconds(Integer.parseInt(options.getOrDefault("seconds", "10")))).run();
                case "ingest" -> new IngestBenchmark(application,
                        Arrays.stream(options.getOrDefault("rates", "250,500,1000,1500,2000").split(","))
                                .mapToInt(rate -> Integer.parseInt(rate.trim())).toArray(),
                        Duration.ofSeconds(Integer.parseInt(options.getOrDefault("seconds", "60"))),
                        Duration.ofSeconds(Integer.parseInt(options.getOrDefault("warm-up", "30"))),
                        Integer.parseInt(options.getOrDefault("members", "500")),
                        Integer.parseInt(options.getOrDefault("friends", "6")),
                        Integer.parseInt(options.getOrDefault("senders", "256"))).run();
                case "http" -> new HttpBenchmark(application,
                        Duration.ofSeconds(Integer.parseInt(options.getOrDefault("seconds", "20"))),
                        Duration.ofSeconds(Integer.parseInt(options.getOrDefault("warm-up", "60")))).run();
                case "http-reads" -> new HttpReadsBenchmark(application,
                        Integer.parseInt(options.getOrDefault("members", "1000")),
                        Integer.parseInt(options.getOrDefault("friends", "16")),
                        Integer.parseInt(options.getOrDefault("posts", "10")),
                        Integer.parseInt(options.getOrDefault("wrk-threads", "1")),
                        Integer.parseInt(options.getOrDefault("connections", "16")),
                        Duration.ofSeconds(Integer.parseInt(options.getOrDefault("warm-up", "5"))),
                        Duration.ofSeconds(Integer.parseInt(options.getOrDefault("seconds", "20")))).run();
                default -> throw new IllegalArgumentException("unknown benchmark " + which
                        + "; known: chaos, social-graph, wall-feed, chat, rebuild, append, ingest, http, http-reads (args: "
                        + Arrays.toString(args) + ")");
            }
        }
    }
}
