package io.tributary.spi.storage;

/** The asked offset is outside the log. */
public class OffsetOutOfRangeException extends RuntimeException {
    public OffsetOutOfRangeException(String message) {
        super(message);
    }
}
