package io.tributary.spi.storage;

/** An idempotent producer's batch does not follow its last sequence. */
public class OutOfOrderSequenceException extends RuntimeException {
    public OutOfOrderSequenceException(String message) {
        super(message);
    }
}
