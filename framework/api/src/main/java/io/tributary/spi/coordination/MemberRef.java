package io.tributary.spi.coordination;

/** Names a member by its id, or by its static instance id (then {@code memberId} may be empty). */
public record MemberRef(String memberId, String groupInstanceId) {
    public MemberRef {
        memberId = memberId == null ? "" : memberId;
    }
}
