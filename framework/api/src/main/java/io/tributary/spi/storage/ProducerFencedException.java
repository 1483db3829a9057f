package io.tributary.spi.storage;

/** An idempotent producer's epoch is older than the one the log knows. */
public class ProducerFencedException extends RuntimeException {
    public ProducerFencedException(String message) {
        super(message);
    }
}
