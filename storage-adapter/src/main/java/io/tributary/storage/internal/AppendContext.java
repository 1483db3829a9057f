package io.tributary.storage.internal;

import io.netty.buffer.ByteBuf;
import org.apache.bookkeeper.mledger.Position;
import org.apache.bookkeeper.mledger.PositionFactory;
import org.apache.pulsar.broker.service.Topic.PublishContext;
import org.apache.pulsar.common.api.proto.BrokerEntryMetadata;
import org.apache.pulsar.common.protocol.Commands;

/**
 * The publish context of one appended batch. It reports the batch's record count, so the broker's
 * index interceptor advances the index by that many, and picks the stamped index and broker time up
 * from the stored entry.
 */
final class AppendContext implements PublishContext {

    /** Receives the outcome of the append on the managed ledger's thread. */
    interface Callback {
        void appended(Position position, long lastOffset, long brokerTimestamp);

        void failed(Exception cause);
    }

    private final int recordCount;
    private final String producerName;
    private final long sequenceId;
    private final Callback callback;
    private long lastOffset = -1;
    private long brokerTimestamp = -1;

    AppendContext(int recordCount, String producerName, long sequenceId, Callback callback) {
        this.recordCount = recordCount;
        this.producerName = producerName;
        this.sequenceId = sequenceId;
        this.callback = callback;
    }

    @Override
    public String getProducerName() {
        return producerName;
    }

    @Override
    public long getSequenceId() {
        return sequenceId;
    }

    @Override
    public long getNumberOfMessages() {
        return recordCount;
    }

    @Override
    public void setMetadataFromEntryData(ByteBuf entryData) {
        BrokerEntryMetadata metadata = Commands.peekBrokerEntryMetadataIfExist(entryData);
        if (metadata != null) {
            lastOffset = metadata.hasIndex() ? metadata.getIndex() : -1;
            brokerTimestamp = metadata.hasBrokerTimestamp() ? metadata.getBrokerTimestamp() : -1;
        }
    }

    @Override
    public void completed(Exception e, long ledgerId, long entryId) {
        if (e != null) {
            callback.failed(e);
        } else if (lastOffset < 0) {
            callback.failed(new IllegalStateException("the broker stamped no index on the entry; "
                    + "configure brokerEntryMetadataInterceptors with AppendIndexMetadataInterceptor"));
        } else {
            callback.appended(PositionFactory.create(ledgerId, entryId), lastOffset,
                    brokerTimestamp >= 0 ? brokerTimestamp : System.currentTimeMillis());
        }
    }
}
