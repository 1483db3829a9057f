package io.tributary.kafka.metadata;

import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.utils.Utils;

/** The operations reported as authorized when a client asks; nothing is restricted yet. */
final class AuthorizedOperations {

    static final int TOPIC = bits(Set.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE,
            AclOperation.DELETE, AclOperation.ALTER, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
            AclOperation.ALTER_CONFIGS));

    static final int CLUSTER = bits(Set.of(AclOperation.CREATE, AclOperation.ALTER, AclOperation.DESCRIBE,
            AclOperation.CLUSTER_ACTION, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS,
            AclOperation.IDEMPOTENT_WRITE));

    private AuthorizedOperations() {
    }

    private static int bits(Set<AclOperation> operations) {
        return Utils.to32BitField(Set.copyOf(operations.stream().map(AclOperation::code).toList()));
    }
}
