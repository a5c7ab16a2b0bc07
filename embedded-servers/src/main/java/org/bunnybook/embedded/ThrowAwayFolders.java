package org.bunnybook.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cleans up after runs that died without stopping their embedded servers: those servers are child processes and
 * outlive a {@code kill -9}, holding their data, their ports and their memory.
 */
final class ThrowAwayFolders {

    /** Names the temporary folders of throw-away runs ({@code bunnybook.embedded.ephemeral}). */
    static final String PREFIX = "bunnybook-";
    /** A folder younger than this may belong to a run that has created it and is about to take its lock. */
    private static final Duration SETTLED = Duration.ofMinutes(1);

    private ThrowAwayFolders() {
    }

    /** Stops the PostgreSQL and Redis that a dead run left on {@code dataDir}; its caller holds the folder. */
    static void stopLeftoverServers(Path dataDir) {
        LeftoverServer.stop(dataDir.resolve("postgres").resolve("postmaster.pid"), "postgres");
        LeftoverServer.stop(dataDir.resolve("redis").resolve(EmbeddedRedisServer.PID_FILE), "redis-server");
    }

    /**
     * Throw-away folders are deleted when their run ends normally; one whose run died is found here by its lock,
     * which nobody holds any more: its servers are stopped and the folder deleted.
     */
    static void removeAbandoned(Path temporaryDirectory) {
        for (Path folder : candidates(temporaryDirectory)) {
            DataFolder.tryClaim(folder).ifPresent(claimed -> {
                try (claimed) {
                    stopLeftoverServers(folder);
                }
                EmbeddedStoresEnvironment.deleteRecursively(folder);
            });
        }
    }

    private static List<Path> candidates(Path temporaryDirectory) {
        Instant settled = Instant.now().minus(SETTLED);
        try (Stream<Path> children = Files.list(temporaryDirectory)) {
            return children.filter(path -> path.getFileName().toString().startsWith(PREFIX))
                    .filter(path -> isOlder(path.resolve(DataFolder.LOCK_FILE), settled))
                    .toList();
        } catch (IOException e) {
            return List.of(); // an unreadable temporary folder only means nothing is cleaned up this time
        }
    }

    private static boolean isOlder(Path lockFile, Instant than) {
        try {
            return Files.getLastModifiedTime(lockFile).toInstant().isBefore(than);
        } catch (IOException e) {
            return false; // no lock file: not a folder of ours, or one whose run is only starting
        }
    }
}
