package org.bunnybook.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server process left running by an application that died without stopping it (its child processes outlive a
 * {@code kill -9}). Found through the pid file the server keeps in its data folder, and only if that process still
 * runs the expected program, so a pid reused by something else is never touched.
 */
final class LeftoverServer {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private LeftoverServer() {
    }

    /**
     * Stops the server named in {@code pidFile} if it still runs {@code program} (the start of its executable's file
     * name: the embedded Redis binary carries its version and platform after it): first as its own shutdown would
     * (PostgreSQL and Redis both finish cleanly on SIGTERM, Redis flushing its append-only file), then forcibly.
     *
     * @return whether a leftover server was found and stopped
     */
    static boolean stop(Path pidFile, String program) {
        Optional<ProcessHandle> leftover = pid(pidFile).flatMap(ProcessHandle::of)
                .filter(process -> process.info().command()
                        .map(command -> Path.of(command).getFileName().toString().startsWith(program))
                        .orElse(false));
        if (leftover.isEmpty()) {
            return false;
        }
        ProcessHandle process = leftover.get();
        System.err.println("Stopping a " + program + " (process " + process.pid()
                + ") left running on " + pidFile.getParent() + " by an earlier run that did not stop it");
        process.destroy();
        if (!awaitExit(process, GRACE)) {
            process.destroyForcibly();
            awaitExit(process, GRACE);
        }
        return true;
    }

    private static Optional<Long> pid(Path pidFile) {
        try {
            String firstLine = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("");
            return Optional.of(Long.parseLong(firstLine.strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // no pid file, or one cut short: nothing we can name
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration limit) {
        try {
            process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
