package io.tributary.spi.storage;

/** This broker does not own the partition; ask the topic lookup for its owner. */
public class NotOwnerException extends RuntimeException {
    public NotOwnerException(String message) {
        super(message);
    }
}
