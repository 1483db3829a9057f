package io.tributary.spi.coordination;

/** A group as listed. */
public record GroupOverview(String groupId, String protocolType, GroupState state) {
}
