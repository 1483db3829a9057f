package io.tributary.kafka.api;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pooled direct buffer a request was parsed from. What the parsed request refers to instead of copying
 * (produce records) can be kept beyond the request with {@link #retainedSlice}; the dispatcher releases the
 * buffer itself once the handler's response is complete.
 */
public final class RequestBuffer {

    private final ByteBuf buffer;
    private final ByteBuffer view;
    private final long viewAddress;
    private final AtomicBoolean released = new AtomicBoolean();

    /** Takes over {@code buffer}'s reference. */
    public RequestBuffer(ByteBuf buffer) {
        this.buffer = buffer;
        this.view = buffer.nioBuffer();
        this.viewAddress = view.isDirect() && PlatformDependent.hasUnsafe()
                ? PlatformDependent.directBufferAddress(view) : 0;
    }

    /** The request's bytes, to parse once; what is parsed from them may refer to this buffer. */
    public ByteBuffer view() {
        return view;
    }

    /**
     * A retained slice of the bytes {@code part} covers from its position to its limit, or null when
     * {@code part} is not a view of this buffer's bytes.
     */
    public ByteBuf retainedSlice(ByteBuffer part) {
        if (viewAddress == 0 || !part.isDirect()) {
            return null;
        }
        long index = PlatformDependent.directBufferAddress(part) + part.position() - viewAddress;
        if (index < 0 || index + part.remaining() > view.capacity()) {
            return null;
        }
        return buffer.retainedSlice(buffer.readerIndex() + (int) index, part.remaining());
    }

    /** Releases the buffer; slices handed out keep their own references. Only the first call counts. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            buffer.release();
        }
    }
}
