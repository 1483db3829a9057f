package io.tributary.kafka.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * Writes a size-prefixed response frame: header, then body in the request's version. Fetched records go
 * into the frame by reference; the frame holds its own references, so the body can be released after.
 */
final class ResponseEncoder {

    private ResponseEncoder() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, ResponseHeader header, short version, ApiMessage body) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ResponseHeaderData headerData = header.data();
        short headerVersion = header.headerVersion();
        MessageSizeAccumulator size = new MessageSizeAccumulator();
        headerData.addSize(size, cache, headerVersion);
        body.addSize(size, cache, version);
        ByteBufWritable writable = new ByteBufWritable(alloc.buffer(4 + size.sizeExcludingZeroCopy()));
        try {
            writable.writeInt(size.totalSize());
            headerData.write(writable, cache, headerVersion);
            body.write(writable, cache, version);
            return writable.frame();
        } catch (RuntimeException e) {
            writable.release();
            throw e;
        }
    }
}
