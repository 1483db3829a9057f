package io.tributary.kafka.group;

import io.tributary.spi.coordination.GroupState;
import java.util.Locale;
import java.util.Optional;

/** Group states as Kafka names them. */
final class GroupStates {

    private GroupStates() {
    }

    static String kafkaName(GroupState state) {
        return switch (state) {
            case EMPTY -> "Empty";
            case PREPARING_REBALANCE -> "PreparingRebalance";
            case COMPLETING_REBALANCE -> "CompletingRebalance";
            case STABLE -> "Stable";
            case DEAD -> "Dead";
        };
    }

    static Optional<GroupState> parse(String kafkaName) {
        for (GroupState state : GroupState.values()) {
            if (kafkaName(state).toLowerCase(Locale.ROOT).equals(kafkaName.toLowerCase(Locale.ROOT))) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
