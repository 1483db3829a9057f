package io.tributary.kafka.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.ResponseHeader;

/** Writes a size-prefixed response frame: header, then body in the request's version. */
final class ResponseEncoder {

    private ResponseEncoder() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, ResponseHeader header, short version, ApiMessage body) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ResponseHeaderData headerData = header.data();
        short headerVersion = header.headerVersion();
        int size = headerData.size(cache, headerVersion) + body.size(cache, version);
        ByteBuf buf = alloc.buffer(4 + size);
        try {
            ByteBufWritable writable = new ByteBufWritable(buf);
            buf.writeInt(size);
            headerData.write(writable, cache, headerVersion);
            body.write(writable, cache, version);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
