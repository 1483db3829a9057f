package io.tributary.kafka.records;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordsSend;

/**
 * The Kafka v2 batches read for one partition of a fetch, in a Netty buffer that the response frame sends
 * as it is, without copying it into the frame. The buffer is released exactly once: by the code that sends
 * or drops the response holding it ({@link #releaseIn}), or by the fetch path when it drops the read.
 */
public final class FetchRecords implements BaseRecords {

    private static final int LENGTH_POSITION = 8;
    private static final int LOG_OVERHEAD = 12;

    /** No batches; releasing it does nothing. */
    public static final FetchRecords EMPTY = new FetchRecords(Unpooled.EMPTY_BUFFER);

    private final ByteBuf buffer;
    private boolean released;

    FetchRecords(ByteBuf buffer) {
        this.buffer = buffer;
    }

    @Override
    public int sizeInBytes() {
        return buffer.readableBytes();
    }

    @Override
    public RecordsSend<? extends BaseRecords> toSend() {
        return view().toSend();
    }

    /** The batches as Kafka's {@link MemoryRecords}, sharing this buffer's memory. */
    public MemoryRecords view() {
        return MemoryRecords.readableRecords(buffer.nioBuffer());
    }

    /** A new reference to the bytes, for a frame that sends them and releases it when written. */
    public ByteBuf retainedBuffer() {
        return buffer.retainedDuplicate();
    }

    /**
     * The leading whole batches that fit in {@code maxBytes}; with {@code atLeastOne}, the first batch even
     * when it alone is larger. This object is cut to them, or released and {@link #EMPTY} returned.
     */
    public FetchRecords truncate(int maxBytes, boolean atLeastOne) {
        if (sizeInBytes() <= maxBytes) {
            return this;
        }
        int size = 0;
        while (size + LOG_OVERHEAD <= buffer.readableBytes()) {
            int batch = LOG_OVERHEAD + buffer.getInt(buffer.readerIndex() + size + LENGTH_POSITION);
            if (size + batch > maxBytes && (size > 0 || !atLeastOne)) {
                break;
            }
            size += batch;
        }
        if (size == 0) {
            release();
            return EMPTY;
        }
        buffer.writerIndex(buffer.readerIndex() + Math.min(size, buffer.readableBytes()));
        return this;
    }

    /** Gives the buffer back; a second call does nothing. */
    public void release() {
        if (!released && this != EMPTY) {
            released = true;
            buffer.release();
        }
    }

    /** Releases the record buffers that a response body holds; other bodies hold none. */
    public static void releaseIn(ApiMessage body) {
        if (body instanceof FetchResponseData fetch) {
            for (FetchResponseData.FetchableTopicResponse topic : fetch.responses()) {
                for (FetchResponseData.PartitionData partition : topic.partitions()) {
                    if (partition.records() instanceof FetchRecords records) {
                        records.release();
                    }
                }
            }
        }
    }
}
