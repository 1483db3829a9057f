package io.tributary.spi.storage;

/**
 * A client connection as the publisher of what it appends: Pulsar's topic stats list it on each topic it
 * appends to and count its messages and bytes, and Pulsar's publish rate limits hold it back.
 */
public interface Publisher {

    /** For appends that come from no client connection: listed nowhere, never held back. */
    Publisher NONE = () -> false;

    /**
     * True while a Pulsar publish rate limit holds the connection back. The protocol stops reading from it
     * until the {@code resume} callback given to {@link PartitionLogs#publisher} runs.
     */
    boolean throttled();
}
