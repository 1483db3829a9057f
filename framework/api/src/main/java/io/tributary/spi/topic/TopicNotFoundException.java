package io.tributary.spi.topic;

/** The topic, or the asked partition of it, does not exist. */
public class TopicNotFoundException extends RuntimeException {
    public TopicNotFoundException(String message) {
        super(message);
    }
}
