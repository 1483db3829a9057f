package io.tributary.standalone;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Keeps a second standalone broker from opening a data directory that one is already using. */
final class DataDirectoryLock {

    private DataDirectoryLock() {
    }

    /** Locks {@code dataDir} for the life of this process. */
    static void acquire(Path dataDir) throws UsageException {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new UsageException("data directory " + dataDir + " is in use by another running broker;"
                        + " stop it or pass --data-dir");
            }
        } catch (IOException e) {
            throw new UsageException("cannot use data directory " + dataDir + ": " + e.getMessage());
        }
    }
}
