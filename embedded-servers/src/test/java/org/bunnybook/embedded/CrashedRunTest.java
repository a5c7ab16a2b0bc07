package org.bunnybook.embedded;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever way a run ends, the next one starts: its embedded PostgreSQL and Redis are child processes that outlive
 * a {@code kill -9} of the application, and used to keep the next start from working at all. Each run here is a
 * process of its own, killed as a member would kill it.
 */
class CrashedRunTest {

    private final List<Run> runs = new ArrayList<>();

    @AfterEach
    void stopRuns() {
        runs.forEach(Run::stop);
    }

    @Test
    void aRunKilledWithSigkillLeavesNothingThatKeepsTheNextOneFromStarting(@TempDir Path data) throws Exception {
        Run first = start("data-dir", data.toString());
        sql(first.jdbcUrl(), "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('written before the crash')");
        redis(first.redisPort(), "SET kept written-before-the-crash");
        long postgres = pid(data.resolve("postgres/postmaster.pid"));
        long redis = pid(data.resolve("redis/redis.pid"));

        first.kill();
        assertThat(ProcessHandle.of(postgres).map(ProcessHandle::isAlive)).as("orphaned PostgreSQL").contains(true);
        assertThat(ProcessHandle.of(redis).map(ProcessHandle::isAlive)).as("orphaned Redis").contains(true);

        Run second = start("data-dir", data.toString());
        assertThat(ProcessHandle.of(postgres).filter(ProcessHandle::isAlive)).as("the leftover PostgreSQL").isEmpty();
        assertThat(ProcessHandle.of(redis).filter(ProcessHandle::isAlive)).as("the leftover Redis").isEmpty();
        assertThat(query(second.jdbcUrl(), "SELECT note FROM kept")).isEqualTo("written before the crash");
        assertThat(redis(second.redisPort(), "GET kept")).contains("written-before-the-crash");
    }

    @Test
    void aSecondRunOnTheSameDataFolderSaysThatOneIsRunning(@TempDir Path data) throws Exception {
        Run first = start("data-dir", data.toString());

        Process second = process("data-dir", data.toString());
        String answer = firstAnswer(second);

        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(answer).startsWith("REFUSED Another Bunnybook is already running on the data folder " + data)
                .contains("(process " + first.process().pid() + ")");
        assertThat(query(first.jdbcUrl(), "SELECT 'still serving'")).isEqualTo("still serving");
    }

    @Test
    void aThrowAwayRunThatDiedIsCleanedUpByTheNextOne() throws Exception {
        Run first = start("ephemeral");
        Path folder = Path.of(throwAwayFolderOf(first));
        long postgres = pid(folder.resolve("postgres/postmaster.pid"));
        first.kill();
        // as if it had died more than a minute ago, past the time a starting run needs to take its lock
        Files.setLastModifiedTime(folder.resolve(DataFolder.LOCK_FILE),
                FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));

        start("ephemeral");

        assertThat(folder).doesNotExist();
        assertThat(ProcessHandle.of(postgres).filter(ProcessHandle::isAlive)).isEmpty();
    }

    /** The folder whose lock file names the run's process. */
    private static String throwAwayFolderOf(Run run) throws IOException {
        try (var folders = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return folders.filter(path -> path.getFileName().toString().startsWith(ThrowAwayFolders.PREFIX))
                    .filter(path -> holder(path).equals(Long.toString(run.process().pid())))
                    .findFirst().orElseThrow().toString();
        }
    }

    private static String holder(Path folder) {
        try {
            return Files.readString(folder.resolve(DataFolder.LOCK_FILE)).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private Run start(String... args) throws IOException {
        Process process = process(args);
        Run run = new Run(process, "", 0);
        runs.add(run); // stopped after the test even if it never gets ready
        String line = firstAnswer(process);
        assertThat(line).as("the run's answer").startsWith("READY ");
        String[] ready = line.split(" ");
        Run started = new Run(process, ready[1], Integer.parseInt(ready[2]));
        runs.set(runs.size() - 1, started);
        return started;
    }

    /** The run's READY or REFUSED line, past its log lines; the rest of its output is drained so it never blocks. */
    private static String firstAnswer(Process process) throws IOException {
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("READY ") || line.startsWith("REFUSED ")) {
                Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return line;
            }
        }
        return "(ended without an answer)";
    }

    private static Process process(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                StoresInAnotherProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long pid(Path pidFile) throws IOException {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    }

    private static void sql(String jdbcUrl, String statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }

    private static String query(String jdbcUrl, String select) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(select)) {
            row.next();
            return row.getString(1);
        }
    }

    /** One inline Redis command and its first reply line(s); no client library needed for two commands. */
    private static String redis(int port, String command) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String first = in.readLine();
            return first.startsWith("$") && !first.equals("$-1") ? in.readLine() : first;
        }
    }

    private record Run(Process process, String jdbcUrl, int redisPort) {

        /** As {@code kill -9} would: the JVM gets no chance to stop its servers. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        /** As Ctrl-C would: the JVM stops its servers on its way out. */
        void stop() {
            process.destroy();
            try {
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
