package org.bunnybook.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One application node of the fault drill: the web exec jar run as a JVM process of its own, on the drill's stores,
 * as a deployment runs it. Its output goes to a log file beside the drill's other files.
 */
final class ChaosNode {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final List<String> properties;
    private final Path log;
    private final int port;
    private volatile Process process;
    private volatile boolean up;

    ChaosNode(String name, Path jar, List<String> properties, Path folder) {
        this.name = name;
        this.jar = jar;
        this.properties = properties;
        this.log = folder.resolve(name + ".log");
        this.port = freePort();
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** Whether the drill counts on it: started, ready once, and not killed since. */
    boolean up() {
        return up;
    }

    /** Starts the process; {@link #awaitReady} waits until it serves. */
    void start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // three nodes, the stores and the drill share two cores: a small heap, a cheap collector, and
                // C1 only, which compiles far less while the node warms up
                "-Xmx384m", "-XX:+UseSerialGC", "-Xss1m", "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true",
                "-jar", jar.toString(),
                "--server.port=" + port,
                "--management.server.port=" + port,
                "--bunnybook.node-id=" + name));
        command.addAll(properties);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Until {@code /readyz} answers 200 (every store reachable, every processing group running). */
    void awaitReady(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log:\n"
                        + tail(60));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready after " + patience + "; its log:\n" + tail(60));
            }
            Quiet.pause(500);
        }
        up = true;
    }

    boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kill -9}: the process ends at once, without closing anything (Process.destroyForcibly is SIGKILL). */
    void kill() {
        up = false;
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A graceful stop (SIGTERM): the node hands its segments over and closes its sockets. */
    void stop() {
        up = false;
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** The last lines of its log. */
    String tail(int lines) {
        try (Stream<String> all = Files.lines(log)) {
            List<String> kept = all.toList();
            return String.join("\n", kept.subList(Math.max(0, kept.size() - lines), kept.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    Path log() {
        return log;
    }
}
