package org.bunnybook.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A real PostgreSQL 17 server run as a child process from binaries shipped in a Maven artifact. */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts on a free port, keeping its data in {@code dataDirectory} (reused if it already holds a database).
     * {@code durable}: every commit is flushed to disk before it is acknowledged (fsync and synchronous commit on), as
     * members' data must be; the embedded library's own defaults turn both off, which only a throw-away test database
     * may afford.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, boolean durable) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // Its own JVM hook would stop PostgreSQL while the application is still closing;
                    // whoever starts the server stops it after the application is done.
                    .setRegisterShutdownHook(false)
                    // room for three application nodes (each a pool of 40 connections and one of 48 for its
                    // processors; both grown on demand), their tests' extra contexts and the tools
                    .setServerConfig("max_connections", "300");
            if (durable) {
                // given as -c settings, which come after (and so override) the library's -F, "no fsync"
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
