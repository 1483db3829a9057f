package io.tributary.conversion;

import io.netty.buffer.ByteBuf;
import io.tributary.spi.storage.CorruptBatchException;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.ProducerInfo;
import org.apache.pulsar.common.api.proto.BrokerEntryMetadata;
import org.apache.pulsar.common.api.proto.KeyValue;
import org.apache.pulsar.common.api.proto.MessageMetadata;
import org.apache.pulsar.common.protocol.Commands;

/**
 * Reads Pulsar entries as stored by the broker ({@code [broker entry metadata][checksum][metadata]
 * [payload]}), whoever wrote them: Tributary or any Pulsar producer.
 */
public final class EntryDecoder {

    private static final ThreadLocal<MessageMetadata> PEEK_METADATA = ThreadLocal.withInitial(MessageMetadata::new);

    private EntryDecoder() {
    }

    /** The entry's headers; the buffer's reader index is left unchanged. */
    public static EntryInfo peek(ByteBuf entry) {
        ByteBuf view = entry.duplicate();
        BrokerEntryMetadata broker = parseBrokerMetadata(view);
        MessageMetadata metadata = PEEK_METADATA.get();
        parseMetadata(view, metadata);
        return info(broker, metadata);
    }

    /** The entry as a batch; takes a new reference to the buffer, released by {@link DecodedBatch#release()}. */
    public static DecodedBatch decode(ByteBuf entry) {
        ByteBuf view = entry.duplicate();
        BrokerEntryMetadata broker = parseBrokerMetadata(view);
        // Derived buffers may index in their root's coordinates: only distances carry over between them.
        int skipped = view.readerIndex() - entry.duplicate().readerIndex();
        ByteBuf message = entry.retainedSlice(entry.readerIndex() + skipped, entry.readableBytes() - skipped);
        try {
            ByteBuf cursor = message.duplicate();
            MessageMetadata metadata = new MessageMetadata();
            parseMetadata(cursor, metadata);
            ByteBuf payload = cursor.slice();
            return new DecodedBatch(message, metadata, payload, info(broker, metadata));
        } catch (RuntimeException e) {
            message.release();
            throw e;
        }
    }

    private static BrokerEntryMetadata parseBrokerMetadata(ByteBuf view) {
        try {
            return Commands.parseBrokerEntryMetadataIfExist(view);
        } catch (RuntimeException e) {
            throw new CorruptBatchException("malformed broker entry metadata: " + e);
        }
    }

    private static void parseMetadata(ByteBuf view, MessageMetadata metadata) {
        try {
            Commands.parseMessageMetadata(view, metadata);
        } catch (RuntimeException e) {
            throw new CorruptBatchException("malformed message metadata: " + e);
        }
    }

    private static EntryInfo info(BrokerEntryMetadata broker, MessageMetadata metadata) {
        long index = broker != null && broker.hasIndex() ? broker.getIndex() : -1L;
        long timestamp = broker != null && broker.hasBrokerTimestamp() ? broker.getBrokerTimestamp() : -1L;
        int count = metadata.hasNumMessagesInBatch() ? metadata.getNumMessagesInBatch() : 1;
        String rawFormat = null;
        long producerId = -1;
        short epoch = -1;
        int sequence = -1;
        int properties = metadata.hasNumMessagesInBatch() ? metadata.getPropertiesCount() : 0;
        try {
            for (int i = 0; i < properties; i++) {
                KeyValue kv = metadata.getPropertyAt(i);
                switch (kv.getKey()) {
                    case EntryProperties.FORMAT -> rawFormat = kv.getValue();
                    case EntryProperties.PRODUCER_ID -> producerId = Long.parseLong(kv.getValue());
                    case EntryProperties.PRODUCER_EPOCH -> epoch = Short.parseShort(kv.getValue());
                    case EntryProperties.BASE_SEQUENCE -> sequence = Integer.parseInt(kv.getValue());
                    default -> {
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw new CorruptBatchException("malformed producer property: " + e.getMessage());
        }
        ProducerInfo producer = producerId >= 0 ? new ProducerInfo(producerId, epoch, sequence) : ProducerInfo.NONE;
        EntryFormat format = rawFormat != null ? EntryFormat.PASS_THROUGH : EntryFormat.PULSAR;
        return new EntryInfo(index, timestamp, count, format, rawFormat, producer, metadata.getPublishTime());
    }
}
