package org.bunnybook.embedded;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A real Redis server run as a child process from a binary shipped in a Maven artifact. */
public final class EmbeddedRedisServer implements AutoCloseable {

    /** Where Redis writes its process id, in its data folder, so a run can stop one that a dead run left behind. */
    static final String PID_FILE = "redis.pid";

    private final RedisServer redis;
    private final int port;

    private EmbeddedRedisServer(RedisServer redis, int port) {
        this.redis = redis;
        this.port = port;
    }

    /** Starts on a free loopback port, its append-only file in {@code dataDirectory}, so data survives restarts. */
    public static EmbeddedRedisServer start(Path dataDirectory) {
        int port = FreePorts.next();
        try {
            java.nio.file.Files.createDirectories(dataDirectory);
            RedisServer redis = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDirectory.toAbsolutePath())
                    .setting("pidfile " + dataDirectory.toAbsolutePath().resolve(PID_FILE))
                    .setting("appendonly yes")
                    .build();
            redis.start();
            return new EmbeddedRedisServer(redis, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Redis in " + dataDirectory, e);
        }
    }

    public int port() {
        return port;
    }

    /** Stops the server, keeping its port and data directory, e.g. to see the application cope without Redis. */
    public void stop() {
        close();
    }

    /** Starts a stopped server again on the same port. */
    public void restart() {
        try {
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart embedded Redis", e);
        }
    }

    @Override
    public void close() {
        try {
            redis.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
