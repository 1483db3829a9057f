package io.tributary.kafka.group;

import io.tributary.kafka.api.KafkaErrors;
import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupException;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where the coordinator's errors become Kafka wire errors. */
public final class GroupErrors {

    private static final Logger LOG = LoggerFactory.getLogger(GroupErrors.class);

    private GroupErrors() {
    }

    public static Errors of(GroupError error) {
        return switch (error) {
            case NONE -> Errors.NONE;
            case INVALID_GROUP_ID -> Errors.INVALID_GROUP_ID;
            case NOT_COORDINATOR -> Errors.NOT_COORDINATOR;
            case COORDINATOR_NOT_AVAILABLE -> Errors.COORDINATOR_NOT_AVAILABLE;
            case COORDINATOR_LOAD_IN_PROGRESS -> Errors.COORDINATOR_LOAD_IN_PROGRESS;
            case UNKNOWN_MEMBER_ID -> Errors.UNKNOWN_MEMBER_ID;
            case ILLEGAL_GENERATION -> Errors.ILLEGAL_GENERATION;
            case REBALANCE_IN_PROGRESS -> Errors.REBALANCE_IN_PROGRESS;
            case MEMBER_ID_REQUIRED -> Errors.MEMBER_ID_REQUIRED;
            case FENCED_INSTANCE_ID -> Errors.FENCED_INSTANCE_ID;
            case INCONSISTENT_GROUP_PROTOCOL -> Errors.INCONSISTENT_GROUP_PROTOCOL;
            case INVALID_SESSION_TIMEOUT -> Errors.INVALID_SESSION_TIMEOUT;
            case GROUP_MAX_SIZE_REACHED -> Errors.GROUP_MAX_SIZE_REACHED;
            case GROUP_ID_NOT_FOUND -> Errors.GROUP_ID_NOT_FOUND;
            case NON_EMPTY_GROUP -> Errors.NON_EMPTY_GROUP;
            case GROUP_SUBSCRIBED_TO_TOPIC -> Errors.GROUP_SUBSCRIBED_TO_TOPIC;
            case OFFSET_METADATA_TOO_LARGE -> Errors.OFFSET_METADATA_TOO_LARGE;
            case UNKNOWN_TOPIC_OR_PARTITION -> Errors.UNKNOWN_TOPIC_OR_PARTITION;
            case UNKNOWN -> Errors.UNKNOWN_SERVER_ERROR;
        };
    }

    /**
     * A failed group operation: the coordinator's own error, a bad topic name as Kafka reports it, and
     * anything else as an unavailable coordinator, which clients retry after looking it up again.
     */
    public static Errors of(Throwable failure) {
        Throwable e = KafkaErrors.unwrap(failure);
        if (e instanceof GroupException group) {
            return of(group.error());
        }
        if (e instanceof IllegalArgumentException) {
            return KafkaErrors.forException(e);
        }
        LOG.warn("Group operation failed", e);
        return Errors.COORDINATOR_NOT_AVAILABLE;
    }
}
