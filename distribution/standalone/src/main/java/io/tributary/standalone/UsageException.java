package io.tributary.standalone;

/** A command line the launcher cannot act on; its message is shown to the user as one line. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
