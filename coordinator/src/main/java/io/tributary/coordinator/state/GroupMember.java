package io.tributary.coordinator.state;

import io.tributary.spi.coordination.GroupError;
import io.tributary.spi.coordination.GroupProtocol;
import io.tributary.spi.coordination.JoinResult;
import io.tributary.spi.coordination.SyncResult;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A member of a classic group, with the responses it is waiting for. */
final class GroupMember {

    private static final byte[] EMPTY = new byte[0];

    final String memberId;
    final String instanceId;
    String clientId;
    String clientHost;
    int sessionTimeoutMs;
    int rebalanceTimeoutMs;
    List<GroupProtocol> protocols;
    byte[] assignment = EMPTY;
    CompletableFuture<JoinResult> awaitingJoin;
    CompletableFuture<SyncResult> awaitingSync;

    GroupMember(String memberId, String instanceId, String clientId, String clientHost, int sessionTimeoutMs,
                int rebalanceTimeoutMs, List<GroupProtocol> protocols) {
        this.memberId = memberId;
        this.instanceId = instanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    /** The same member under a new id, as when a static member rejoins without its old id. */
    GroupMember renamed(String newMemberId) {
        GroupMember copy = new GroupMember(newMemberId, instanceId, clientId, clientHost, sessionTimeoutMs,
                rebalanceTimeoutMs, protocols);
        copy.assignment = assignment;
        return copy;
    }

    byte[] metadata(String protocolName) {
        return protocols.stream().filter(p -> p.name().equals(protocolName)).findFirst()
                .map(GroupProtocol::metadata).orElse(EMPTY);
    }

    boolean supports(String protocolName) {
        return protocols.stream().anyMatch(p -> p.name().equals(protocolName));
    }

    /** Whether {@code other} lists the same protocols with the same metadata, in the same order. */
    boolean sameProtocols(List<GroupProtocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (!other.get(i).name().equals(protocols.get(i).name())
                    || !Arrays.equals(other.get(i).metadata(), protocols.get(i).metadata())) {
                return false;
            }
        }
        return true;
    }

    void completeJoin(JoinResult result) {
        CompletableFuture<JoinResult> waiting = awaitingJoin;
        awaitingJoin = null;
        if (waiting != null) {
            waiting.complete(result);
        }
    }

    void completeSync(SyncResult result) {
        CompletableFuture<SyncResult> waiting = awaitingSync;
        awaitingSync = null;
        if (waiting != null) {
            waiting.complete(result);
        }
    }

    void failWaiting(GroupError error) {
        completeJoin(JoinResult.failed(error, memberId));
        completeSync(SyncResult.failed(error));
    }
}
