package io.tributary.conversion;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.Header;
import java.util.Base64;
import java.util.List;
import org.apache.pulsar.common.api.proto.CompressionType;
import org.apache.pulsar.common.api.proto.MessageMetadata;
import org.apache.pulsar.common.compression.CompressionCodecProvider;
import org.apache.pulsar.common.protocol.Commands;
import org.apache.pulsar.common.protocol.Commands.ChecksumType;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Entries laid out the way the Pulsar Java client sends them. */
public class PulsarProducedEntryTest {

    @DataProvider
    public Object[][] compressions() {
        return new Object[][] {{CompressionType.NONE}, {CompressionType.LZ4}, {CompressionType.ZLIB},
                {CompressionType.ZSTD}, {CompressionType.SNAPPY}};
    }

    @Test(dataProvider = "compressions")
    public void decodesBatchedCompressedMessages(CompressionType compression) throws Exception {
        ByteBuf batch = Unpooled.buffer();
        for (int i = 0; i < 3; i++) {
            MessageMetadata single = new MessageMetadata().setProducerName("p").setSequenceId(i).setPublishTime(5);
            if (i != 1) {
                single.setPartitionKey("key-" + i);
            }
            if (i == 2) {
                single.setPartitionKey(Base64.getEncoder().encodeToString(new byte[] {(byte) 0xfe, 1}));
                single.setPartitionKeyB64Encoded(true);
                single.setNullValue(true);
            }
            single.setEventTime(1000 + i);
            single.addProperty().setKey("n").setValue(Integer.toString(i));
            ByteBuf payload = Unpooled.wrappedBuffer(("value-" + i).getBytes(UTF_8));
            Commands.serializeSingleMessageInBatchWithPayload(single, i == 2 ? Unpooled.EMPTY_BUFFER : payload, batch);
        }
        int uncompressedSize = batch.readableBytes();
        ByteBuf compressed = CompressionCodecProvider.getCompressionCodec(compression).encode(batch);
        MessageMetadata metadata = new MessageMetadata().setProducerName("pulsar-producer").setSequenceId(0)
                .setPublishTime(5).setNumMessagesInBatch(3).setCompression(compression)
                .setUncompressedSize(uncompressedSize);
        ByteBuf message = Commands.serializeMetadataAndPayload(ChecksumType.Crc32c, metadata, compressed);

        Entries entries = new Entries();
        entries.stored(Unpooled.buffer(), 10).release();
        DecodedBatch decoded = EntryDecoder.decode(entries.stored(message, 3));
        try {
            assertEquals(decoded.format(), EntryFormat.PULSAR);
            assertEquals(decoded.baseOffset(), 10);
            List<Collected> records = Collected.from(decoded);
            assertEquals(records.size(), 3);
            assertEquals(records.get(0).offset(), 10);
            assertEquals(records.get(0).key(), "key-0".getBytes(UTF_8));
            assertEquals(records.get(0).value(), "value-0".getBytes(UTF_8));
            assertEquals(records.get(0).timestamp(), 1000);
            EntryEncoderTest.assertHeaders(records.get(0).headers(), List.of(new Header("n", "0".getBytes(UTF_8))));
            assertNull(records.get(1).key());
            assertEquals(records.get(1).offset(), 11);
            assertEquals(records.get(2).key(), new byte[] {(byte) 0xfe, 1});
            assertNull(records.get(2).value());
            assertEquals(records.get(2).offset(), 12);
        } finally {
            decoded.release();
        }
    }

    @Test
    public void decodesUnbatchedMessage() {
        MessageMetadata metadata = new MessageMetadata().setProducerName("p").setSequenceId(3).setPublishTime(77)
                .setPartitionKey("k");
        metadata.addProperty().setKey("color").setValue("blue");
        ByteBuf message = Commands.serializeMetadataAndPayload(ChecksumType.None, metadata,
                Unpooled.wrappedBuffer("hello".getBytes(UTF_8)));
        DecodedBatch decoded = EntryDecoder.decode(new Entries().stored(message, 1));
        try {
            assertEquals(decoded.recordCount(), 1);
            assertEquals(decoded.baseOffset(), 0);
            List<Collected> records = Collected.from(decoded);
            assertEquals(records.size(), 1);
            assertEquals(records.get(0).key(), "k".getBytes(UTF_8));
            assertEquals(records.get(0).value(), "hello".getBytes(UTF_8));
            assertEquals(records.get(0).timestamp(), 77);
            EntryEncoderTest.assertHeaders(records.get(0).headers(), List.of(new Header("color", "blue".getBytes(UTF_8))));
        } finally {
            decoded.release();
        }
    }

    @Test
    public void entryWithoutBrokerMetadataHasNoOffset() {
        MessageMetadata metadata = new MessageMetadata().setProducerName("p").setSequenceId(3).setPublishTime(77);
        ByteBuf message = Commands.serializeMetadataAndPayload(ChecksumType.None, metadata, Unpooled.buffer());
        EntryInfo info = EntryDecoder.peek(message);
        assertEquals(info.lastOffset(), -1);
        assertEquals(info.brokerTimestamp(), -1);
        message.release();
    }
}
