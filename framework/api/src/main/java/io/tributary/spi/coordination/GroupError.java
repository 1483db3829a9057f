package io.tributary.spi.coordination;

/** Why a group operation was refused; each protocol maps these onto its own wire errors. */
public enum GroupError {
    NONE,
    /** The group id is empty or otherwise unusable. */
    INVALID_GROUP_ID,
    /** This broker does not coordinate the group; ask again where the coordinator is. */
    NOT_COORDINATOR,
    /** The coordinator is not running or could not reach its storage. */
    COORDINATOR_NOT_AVAILABLE,
    /** The coordinator is still loading the group's state. */
    COORDINATOR_LOAD_IN_PROGRESS,
    UNKNOWN_MEMBER_ID,
    ILLEGAL_GENERATION,
    REBALANCE_IN_PROGRESS,
    /** A new member must join again with the member id it was given. */
    MEMBER_ID_REQUIRED,
    /** Another member has taken over the static instance id. */
    FENCED_INSTANCE_ID,
    /** The member's protocol type or protocols do not match the group's. */
    INCONSISTENT_GROUP_PROTOCOL,
    INVALID_SESSION_TIMEOUT,
    GROUP_MAX_SIZE_REACHED,
    GROUP_ID_NOT_FOUND,
    NON_EMPTY_GROUP,
    /** The group's members consume the topic whose offsets were asked to be deleted. */
    GROUP_SUBSCRIBED_TO_TOPIC,
    OFFSET_METADATA_TOO_LARGE,
    UNKNOWN_TOPIC_OR_PARTITION,
    /** An unexpected failure; the details are in the broker's log. */
    UNKNOWN
}
