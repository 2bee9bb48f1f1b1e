package io.tern.server.startup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code tern.lock} in the data directory, held while a server (or an offline admin,
 * backup or restore command) uses it. Two servers on one SQLite file would both accept clients and split live
 * delivery between them; the operating system drops the lock when the process dies, so a crash never leaves
 * a stale lock behind. The file holds the owner's pid, for the message the second process prints.
 */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE = "tern.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates the directory if needed and locks it; {@link StartupException} if it is locked or unusable. */
    public static DataDirLock acquire(Path dataDir) {
        Path file = DataDirs.createWritable(dataDir).resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StartupException(StartupException.DATA_DIR, "cannot create " + file + " (" + reason(e)
                    + "): make the data directory writable by the user running Tern");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // another server in this same JVM holds it
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException(StartupException.DATA_DIR, "cannot lock " + file + " (" + reason(e) + ")");
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new StartupException(StartupException.LOCKED, "data directory " + dataDir.toAbsolutePath()
                    + " is in use by another Tern process" + owner(file)
                    + ": stop it first, or give this server its own --data-dir");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException ignored) {
            // the pid is only a hint for the message of a second process
        }
        return new DataDirLock(channel, lock);
    }

    private static String owner(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d{1,10}") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
