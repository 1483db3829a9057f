package io.tributary.conversion;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.apache.pulsar.common.api.proto.CompressionType;
import org.apache.pulsar.common.api.proto.MessageMetadata;
import org.apache.pulsar.common.protocol.Commands;
import org.apache.pulsar.common.protocol.Commands.ChecksumType;
import org.testng.annotations.Test;

/** Batched values read from off-heap and multi-part entries, as the bookie client hands them over. */
public class DirectPayloadTest {

    private static final int COUNT = 50;

    private static byte[] value(int i) {
        if (i % 10 == 3) {
            return new byte[0];
        }
        byte[] b = new byte[(i * 37) % 300 + 1];
        for (int j = 0; j < b.length; j++) {
            b[j] = (byte) (i + j * 7);
        }
        return b;
    }

    private static ByteBuf message() {
        ByteBuf batch = Unpooled.buffer();
        for (int i = 0; i < COUNT; i++) {
            MessageMetadata single = new MessageMetadata().setProducerName("p").setSequenceId(i).setPublishTime(5);
            single.setPartitionKey("key-" + i);
            single.setEventTime(1000 + i);
            if (i % 10 == 7) {
                single.setNullValue(true);
            }
            ByteBuf payload = i % 10 == 7 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(value(i));
            Commands.serializeSingleMessageInBatchWithPayload(single, payload, batch);
        }
        MessageMetadata metadata = new MessageMetadata().setProducerName("pulsar-producer").setSequenceId(0)
                .setPublishTime(5).setNumMessagesInBatch(COUNT).setCompression(CompressionType.NONE)
                .setUncompressedSize(batch.readableBytes());
        return Commands.serializeMetadataAndPayload(ChecksumType.Crc32c, metadata, batch);
    }

    private static ByteBuf direct(ByteBuf heap) {
        ByteBuf direct = Unpooled.directBuffer(heap.readableBytes() + 11);
        direct.writeZero(11).readerIndex(11);
        direct.writeBytes(heap);
        heap.release();
        return direct;
    }

    /** The same bytes in pieces of 17 bytes, so values cross component boundaries. */
    private static ByteBuf pieces(ByteBuf heap) {
        CompositeByteBuf composite = Unpooled.compositeBuffer(Integer.MAX_VALUE);
        while (heap.isReadable()) {
            composite.addComponent(true, direct(heap.readRetainedSlice(Math.min(17, heap.readableBytes()))));
        }
        heap.release();
        return composite;
    }

    private static void assertRead(ByteBuf message) {
        DecodedBatch decoded = EntryDecoder.decode(new Entries().stored(message, COUNT));
        try {
            List<Collected> records = Collected.from(decoded);
            assertEquals(records.size(), COUNT);
            for (int i = 0; i < COUNT; i++) {
                Collected record = records.get(i);
                assertEquals(record.offset(), i);
                assertEquals(record.timestamp(), 1000 + i);
                assertEquals(record.key(), ("key-" + i).getBytes(UTF_8));
                if (i % 10 == 7) {
                    assertNull(record.value());
                } else {
                    assertEquals(record.value(), value(i), "value " + i);
                }
            }
            List<Integer> sizes = new ArrayList<>();
            decoded.forEachRecord((offset, ts, key, value, headers) -> {
                if (value != null) {
                    sizes.add(value.remaining());
                    value.position(value.limit());
                }
            });
            assertEquals(sizes.size(), COUNT - COUNT / 10);
            assertEquals(Collected.from(decoded).get(COUNT - 1).value(), value(COUNT - 1));
        } finally {
            decoded.release();
        }
    }

    @Test
    public void readsValuesFromOffHeapEntries() {
        assertRead(direct(message()));
    }

    @Test
    public void readsValuesFromHeapEntries() {
        assertRead(message());
    }

    @Test
    public void readsValuesThatCrossBufferBoundaries() {
        assertRead(pieces(message()));
    }
}
