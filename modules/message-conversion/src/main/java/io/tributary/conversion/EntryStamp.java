package io.tributary.conversion;

/**
 * The Pulsar producer identity written into an entry's {@code MessageMetadata}, so that Pulsar tools
 * see a well-formed message.
 *
 * @param producerName  Pulsar producer name
 * @param sequenceId    Pulsar sequence id, increasing per producer name
 * @param publishTimeMs publish time of the entry
 */
public record EntryStamp(String producerName, long sequenceId, long publishTimeMs) {
}
