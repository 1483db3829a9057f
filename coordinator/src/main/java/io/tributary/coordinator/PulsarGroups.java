package io.tributary.coordinator;

import io.tributary.spi.coordination.GroupCoordinator;

/** The group coordinator running in a broker; {@link #close()} stops it. */
public interface PulsarGroups extends AutoCloseable {

    GroupCoordinator coordinator();

    @Override
    void close();
}
