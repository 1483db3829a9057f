package io.tributary.spi.coordination;

import java.util.List;

/** A group with its members. A group that does not exist is described as {@link GroupState#DEAD}. */
public record GroupDescription(String groupId, GroupError error, GroupState state, String protocolType,
                               String protocolName, List<Member> members) {

    /** A member of the current generation. */
    public record Member(String memberId, String groupInstanceId, String clientId, String clientHost,
                         byte[] metadata, byte[] assignment) {
    }
}
