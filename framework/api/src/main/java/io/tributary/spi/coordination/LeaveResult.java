package io.tributary.spi.coordination;

import java.util.List;

/** The answer to a leave: an error for the whole group, or one per member. */
public record LeaveResult(GroupError error, List<MemberLeft> members) {

    public record MemberLeft(String memberId, String groupInstanceId, GroupError error) {
    }
}
