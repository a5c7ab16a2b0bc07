package org.bunnybook.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A data folder held by one running application. The hold is an operating-system file lock, so it ends with the
 * process however the process ends ({@code kill -9} and out-of-memory included): a folder whose lock can be taken
 * belongs to nobody alive, and whatever servers still run on it are leftovers of a process that died.
 */
final class DataFolder implements AutoCloseable {

    static final String LOCK_FILE = "bunnybook.lock";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolder(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /** Holds the folder for this process, or says clearly which process already does. */
    static DataFolder claim(Path directory) {
        return tryClaim(directory).orElseThrow(() -> new IllegalStateException(
                "Another Bunnybook is already running on the data folder " + directory
                        + holder(directory) + ". Stop it first, or start this one with another"
                        + " --bunnybook.embedded.data-dir (or --bunnybook.embedded.ephemeral=true)."));
    }

    /** Holds the folder for this process, or is empty if a live process holds it. */
    static Optional<DataFolder> tryClaim(Path directory) {
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0).write(ByteBuffer.wrap(
                    Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
            return Optional.of(new DataFolder(directory, channel, lock));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("could not lock the data folder " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    private static String holder(Path directory) {
        try {
            String pid = Files.readString(directory.resolve(LOCK_FILE), StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "" : " (process " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held, nothing to give back
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
