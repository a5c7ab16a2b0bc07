package org.bunnybook.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP load tool {@code wrk} (https://github.com/wg/wrk; Debian: {@code apt-get install wrk}), run against the
 * application with a generated Lua script that rotates over given requests, each with its member's access token.
 * The benchmark installs nothing: without {@code wrk} on the PATH it stops and says so.
 */
final class Wrk {

    /** What one wrk run measured; latencies as wrk's histogram has them, in microseconds. */
    record Result(long requests, long durationMicros, long p50Micros, long p99Micros, long failedStatuses,
                  long socketErrors) {

        double perSecond() {
            return requests / (durationMicros / 1e6);
        }

        double p50Millis() {
            return p50Micros / 1000.0;
        }

        double p99Millis() {
            return p99Micros / 1000.0;
        }
    }

    /** One request of the rotation: a path, asked with this access token. */
    record Target(String accessToken, String path) {
    }

    private final Path executable;
    private final int threads;
    private final int connections;

    private Wrk(Path executable, int threads, int connections) {
        this.executable = executable;
        this.threads = threads;
        this.connections = connections;
    }

    /** wrk as found on the PATH; fails with what to do when it is not there. */
    static Wrk onPath(int threads, int connections) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, "wrk");
            if (Files.isExecutable(candidate)) {
                return new Wrk(candidate, threads, connections);
            }
        }
        throw new IllegalStateException("wrk is not on the PATH (" + path + "). This benchmark drives the application "
                + "with the HTTP load tool wrk and installs nothing itself: install it first (Debian/Ubuntu: "
                + "apt-get install wrk; see the README's benchmark section)");
    }

    String settings() {
        return "wrk -t%d -c%d".formatted(threads, connections);
    }

    /** Runs wrk for {@code length} against {@code baseUrl}, each connection going round the targets. */
    Result run(String baseUrl, List<Target> targets, Duration length) {
        Path script = null;
        try {
            script = Files.createTempFile("bunnybook-wrk-", ".lua");
            Files.writeString(script, script(targets), StandardCharsets.UTF_8);
            Process wrk = new ProcessBuilder(executable.toString(), "-t" + threads, "-c" + connections,
                    "-d" + length.toSeconds() + "s", "--timeout", "10s", "--latency", "-s", script.toString(),
                    baseUrl).redirectErrorStream(true).start();
            String output;
            try (var out = wrk.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!wrk.waitFor(length.toSeconds() + 60, TimeUnit.SECONDS)) {
                wrk.destroyForcibly();
                throw new IllegalStateException("wrk did not finish:\n" + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new IllegalStateException("could not run wrk", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (script != null) {
                try {
                    Files.deleteIfExists(script);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /**
     * Requests are formatted once per wrk thread; each thread starts at its own place in the rotation, so the
     * connections do not ask for the same member at the same moment. {@code done} prints one line of figures.
     */
    private static String script(List<Target> targets) {
        StringBuilder lua = new StringBuilder("local targets = {\n");
        for (Target target : targets) {
            lua.append("  {\"").append(luaSafe(target.accessToken())).append("\", \"").append(luaSafe(target.path()))
                    .append("\"},\n");
        }
        lua.append("""
                }
                local formatted = {}
                local position = 0
                local started = 0

                function setup(thread)
                  thread:set("offset", started * 7919)
                  started = started + 1
                end

                function init(args)
                  for i, target in ipairs(targets) do
                    formatted[i] = wrk.format("GET", target[2], { ["Authorization"] = "Bearer " .. target[1] })
                  end
                  position = (offset or 0) % #formatted
                end

                function request()
                  position = position % #formatted + 1
                  return formatted[position]
                end

                function done(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("RESULT requests=%d duration=%d p50=%d p99=%d status=%d socket=%d\\n",
                    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
                    e.status, e.connect + e.read + e.write + e.timeout))
                end
                """);
        return lua.toString();
    }

    /** Tokens and paths are ASCII without quotes or backslashes; anything else is a bug in the caller. */
    private static String luaSafe(String value) {
        if (!value.matches("[A-Za-z0-9._~/?=&%-]+")) {
            throw new IllegalArgumentException("not safe in a Lua string: " + value);
        }
        return value;
    }

    private static Result parse(String output) {
        String line = output.lines().filter(each -> each.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no figures:\n" + output));
        Map<String, Long> values = new HashMap<>();
        for (String pair : line.substring("RESULT ".length()).trim().split(" ")) {
            values.put(pair.substring(0, pair.indexOf('=')), Long.parseLong(pair.substring(pair.indexOf('=') + 1)));
        }
        return new Result(values.get("requests"), values.get("duration"), values.get("p50"), values.get("p99"),
                values.get("status"), values.get("socket"));
    }
}
