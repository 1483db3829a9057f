package io.tributary.conversion;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import com.scurrilous.circe.checksum.Crc32cIntChecksum;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.spi.storage.EntryFormat;
import io.tributary.spi.storage.Header;
import io.tributary.spi.storage.ProducerInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pulsar.common.api.proto.MessageMetadata;
import org.apache.pulsar.common.protocol.Commands;
import org.apache.pulsar.common.protocol.Commands.ChecksumType;
import org.testng.annotations.Test;

public class EntryEncoderTest {

    private static final EntryStamp STAMP = new EntryStamp("tributary", 7, 1_000L);
    private static final byte[] BINARY = {(byte) 0xff, 0, (byte) 0xc3, 0x28};

    @Test
    public void roundTripsKeysValuesHeadersAndTimestamps() {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("text", "v".getBytes(UTF_8)));
        headers.add(new Header("binary", BINARY));
        headers.add(new Header("none", null));
        headers.add(new Header("text", "again".getBytes(UTF_8)));
        TestBatch batch = TestBatch.of(
                new TestRecord(100, "k1".getBytes(UTF_8), "v1".getBytes(UTF_8), List.of()),
                new TestRecord(101, null, "v2".getBytes(UTF_8), headers),
                new TestRecord(102, BINARY, null, List.of(new Header("h", "x".getBytes(UTF_8)))),
                new TestRecord(0, new byte[0], new byte[0], List.of()));
        Entries entries = new Entries();
        entries.stored(Unpooled.buffer(), 5).release();

        DecodedBatch decoded = EntryDecoder.decode(entries.stored(EntryEncoder.encode(batch, EntryFormat.PULSAR, STAMP), 4));
        try {
            assertEquals(decoded.baseOffset(), 5);
            assertEquals(decoded.recordCount(), 4);
            assertEquals(decoded.format(), EntryFormat.PULSAR);
            List<Collected> records = Collected.from(decoded);
            assertEquals(records.size(), 4);
            for (int i = 0; i < 4; i++) {
                TestRecord expected = batch.records().get(i);
                Collected actual = records.get(i);
                assertEquals(actual.offset(), 5 + i);
                assertEquals(actual.timestamp(), expected.timestamp());
                assertEquals(actual.key(), expected.key());
                assertEquals(actual.value(), expected.value());
                assertHeaders(actual.headers(), expected.headers());
            }
        } finally {
            decoded.release();
        }
    }

    @Test
    public void passThroughEntryRefersToTheGivenCopyOfTheRawBytes() {
        ByteBuf raw = Unpooled.wrappedBuffer("raw kafka batch".getBytes(UTF_8));
        ByteBuf rawCopy = Unpooled.directBuffer().writeBytes("raw kafka batch".getBytes(UTF_8));
        TestBatch batch = new TestBatch(List.of(new TestRecord(1, null, null, List.of())), ProducerInfo.NONE, raw,
                "kafka-v2");
        ByteBuf entry = EntryEncoder.encode(batch, EntryFormat.PASS_THROUGH, STAMP, rawCopy);
        assertEquals(rawCopy.refCnt(), 2, "the entry holds the copy instead of copying the bytes again");
        ByteBuf stored = new Entries().stored(entry, 1);
        DecodedBatch decoded = EntryDecoder.decode(stored);
        try {
            assertEquals(ByteBufUtil.getBytes(decoded.raw()), "raw kafka batch".getBytes(UTF_8));
            assertEquals(rawCopy.readerIndex(), 0);
        } finally {
            decoded.release();
            stored.release();
        }
        assertEquals(rawCopy.refCnt(), 1, "released with the entry, still the caller's");
        rawCopy.release();
    }

    @Test
    public void missingTimestampFallsBackToPublishTime() {
        TestBatch batch = TestBatch.of(new TestRecord(-1, null, "v".getBytes(UTF_8), List.of()));
        DecodedBatch decoded = EntryDecoder.decode(new Entries().stored(
                EntryEncoder.encode(batch, EntryFormat.PULSAR, STAMP), 1));
        try {
            assertEquals(Collected.from(decoded).get(0).timestamp(), STAMP.publishTimeMs());
        } finally {
            decoded.release();
        }
    }

    @Test
    public void passThroughKeepsRawBytesAndProducer() {
        ByteBuf raw = Unpooled.wrappedBuffer("raw kafka batch".getBytes(UTF_8));
        TestBatch batch = new TestBatch(List.of(new TestRecord(1, null, null, List.of()),
                new TestRecord(2, null, null, List.of())), new ProducerInfo(42, (short) 3, 17), raw, "kafka-v2");
        ByteBuf stored = new Entries().stored(EntryEncoder.encode(batch, EntryFormat.PASS_THROUGH, STAMP), 2);
        EntryInfo info = EntryDecoder.peek(stored);
        assertEquals(info.format(), EntryFormat.PASS_THROUGH);
        assertEquals(info.rawFormat(), "kafka-v2");
        assertEquals(info.recordCount(), 2);
        assertEquals(info.lastOffset(), 1);
        assertEquals(info.baseOffset(), 0);
        assertEquals(info.producer(), new ProducerInfo(42, (short) 3, 17));
        assertTrue(info.brokerTimestamp() > 0);
        DecodedBatch decoded = EntryDecoder.decode(stored);
        try {
            assertEquals(ByteBufUtil.getBytes(decoded.raw()), "raw kafka batch".getBytes(UTF_8));
            assertEquals(decoded.rawFormat(), "kafka-v2");
            assertEquals(raw.readerIndex(), 0);
            assertThrows(UnsupportedOperationException.class, () -> decoded.forEachRecord((o, t, k, v, h) -> { }));
        } finally {
            decoded.release();
            stored.release();
        }
    }

    @Test
    public void decodesFromDerivedPooledBuffersWithAnOffsetReaderIndex() {
        ByteBuf stored = new Entries().stored(EntryEncoder.encode(TestBatch.of(
                new TestRecord(9, "k".getBytes(UTF_8), "v".getBytes(UTF_8), List.of())), EntryFormat.PULSAR, STAMP), 1);
        ByteBuf root = io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(2048);
        int length = stored.readableBytes();
        root.writeZero(100).writeBytes(stored, stored.readerIndex(), length).writeZero(50);
        ByteBuf slice = root.retainedSlice(60, length + 50);
        slice.setIndex(40, 40 + length);
        DecodedBatch decoded = EntryDecoder.decode(slice);
        slice.release();
        try {
            List<Collected> records = Collected.from(decoded);
            assertEquals(records.get(0).value(), "v".getBytes(UTF_8));
            assertEquals(records.get(0).key(), "k".getBytes(UTF_8));
            assertTrue(decoded.sizeInBytes() < length);
        } finally {
            decoded.release();
            stored.release();
            root.release();
        }
    }

    @Test
    public void pulsarEntryWithoutProducerReportsNone() {
        ByteBuf stored = new Entries().stored(EntryEncoder.encode(TestBatch.of(
                new TestRecord(1, null, new byte[1], List.of())), EntryFormat.PULSAR, STAMP), 1);
        EntryInfo info = EntryDecoder.peek(stored);
        assertEquals(info.producer(), ProducerInfo.NONE);
        assertNull(info.rawFormat());
        assertEquals(info.publishTimeMs(), 1_000L);
        stored.release();
    }

    @Test
    public void rejectsCountMismatch() {
        TestBatch twoRecords = TestBatch.of(new TestRecord(1, null, null, List.of()),
                new TestRecord(2, null, null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> EntryEncoder.encode(
                new MiscountedBatch(twoRecords, 3), EntryFormat.PULSAR, STAMP));
    }

    @Test
    public void framesLikePulsarsOwnSerializerWithAValidChecksum() {
        TestBatch batch = TestBatch.of(new TestRecord(5, "k".getBytes(UTF_8), BINARY, List.of()),
                new TestRecord(6, null, "second".getBytes(UTF_8), List.of(new Header("h", BINARY))));
        ByteBuf entry = EntryEncoder.encode(batch, EntryFormat.PULSAR, STAMP);
        try {
            assertTrue(Commands.hasChecksum(entry));
            ByteBuf afterChecksum = entry.slice(6, entry.readableBytes() - 6);
            assertEquals(Crc32cIntChecksum.computeChecksum(afterChecksum), entry.getInt(2));

            MessageMetadata metadata = Commands.parseMessageMetadata(entry.duplicate());
            ByteBuf payload = entry.slice(entry.readableBytes() - metadata.getUncompressedSize(),
                    metadata.getUncompressedSize());
            ByteBuf pulsars = Commands.serializeMetadataAndPayload(ChecksumType.Crc32c, metadata, payload);
            try {
                assertEquals(ByteBufUtil.getBytes(entry), ByteBufUtil.getBytes(pulsars));
            } finally {
                pulsars.release();
            }
        } finally {
            entry.release();
        }
    }

    static void assertHeaders(List<Header> actual, List<Header> expected) {
        assertEquals(actual.size(), expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(actual.get(i).key(), expected.get(i).key());
            assertTrue(Arrays.equals(actual.get(i).value(), expected.get(i).value()),
                    "header " + i + " value");
        }
    }
}
