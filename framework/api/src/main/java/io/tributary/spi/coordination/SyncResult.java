package io.tributary.spi.coordination;

/** A member's assignment in the current generation. */
public record SyncResult(GroupError error, String protocolType, String protocolName, byte[] assignment) {

    public static SyncResult failed(GroupError error) {
        return new SyncResult(error, null, null, new byte[0]);
    }
}
