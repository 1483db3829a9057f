package io.tributary.spi.topic;

/** A protocol topic name that does not map onto a Pulsar topic. */
public class InvalidTopicNameException extends IllegalArgumentException {
    public InvalidTopicNameException(String message) {
        super(message);
    }
}
