package io.tributary.spi.storage;

/** A batch whose bytes do not decode. */
public class CorruptBatchException extends RuntimeException {
    public CorruptBatchException(String message) {
        super(message);
    }
}
