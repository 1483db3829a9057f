package io.tributary.spi.coordination;

/** Where a group is in its rebalance cycle. */
public enum GroupState {
    /** No members; committed offsets may remain. */
    EMPTY,
    /** Waiting for the members to join the next generation. */
    PREPARING_REBALANCE,
    /** Joined; waiting for the leader's assignment. */
    COMPLETING_REBALANCE,
    STABLE,
    /** Removed; about to disappear. */
    DEAD
}
