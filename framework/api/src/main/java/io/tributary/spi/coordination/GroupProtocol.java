package io.tributary.spi.coordination;

/** One protocol a joining member supports (for Kafka consumers: an assignor and its subscription). */
public record GroupProtocol(String name, byte[] metadata) {
}
