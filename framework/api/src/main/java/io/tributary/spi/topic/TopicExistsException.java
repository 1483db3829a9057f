package io.tributary.spi.topic;

/** A topic that was asked to be created already exists. */
public class TopicExistsException extends RuntimeException {
    public TopicExistsException(String message) {
        super(message);
    }
}
