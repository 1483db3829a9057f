package io.tributary.coordinator;

/**
 * Settings of the group coordinator.
 *
 * @param namespace               Pulsar namespace ({@code tenant/ns}) of the coordinator's state topic
 * @param partitions              partitions of the state topic; a group lives in hash(groupId) mod partitions
 * @param initialRebalanceDelayMs how long an empty group's first rebalance waits for more members
 * @param offsetsRetentionMinutes how long offsets of an empty group are kept
 */
public record GroupsConfig(String namespace, int partitions, long initialRebalanceDelayMs,
                           long offsetsRetentionMinutes) {

    public static final String STATE_TOPIC = "groups";

    public GroupsConfig {
        if (namespace == null || namespace.split("/", -1).length != 2 || namespace.startsWith("/")
                || namespace.endsWith("/")) {
            throw new IllegalArgumentException("namespace must be tenant/namespace, not '" + namespace + "'");
        }
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive, not " + partitions);
        }
        if (initialRebalanceDelayMs < 0) {
            throw new IllegalArgumentException("initialRebalanceDelayMs must not be negative");
        }
        if (offsetsRetentionMinutes <= 0) {
            throw new IllegalArgumentException("offsetsRetentionMinutes must be positive");
        }
    }

    public String tenant() {
        return namespace.substring(0, namespace.indexOf('/'));
    }

    public String localNamespace() {
        return namespace.substring(namespace.indexOf('/') + 1);
    }
}
