package io.tributary.coordinator.pulsar;

import io.tributary.coordinator.state.GroupRecord;
import io.tributary.coordinator.state.GroupSnapshot;
import io.tributary.spi.coordination.CommittedOffset;
import io.tributary.spi.coordination.PartitionId;
import io.tributary.spi.topic.TopicName;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys and values of the coordinator's log. The key names what a record is about (compaction keeps the
 * latest per key) and is decodable on its own, so a tombstone needs no value.
 */
public final class RecordCodec {

    private static final String OFFSET = "o";
    private static final String GROUP = "g";
    private static final byte VERSION = 1;

    private RecordCodec() {
    }

    public static String key(GroupRecord record) {
        if (record instanceof GroupRecord.Offset offset) {
            PartitionId p = offset.partition();
            return join(OFFSET, offset.groupId(), p.topic().tenant(), p.topic().namespace(), p.topic().localName(),
                    Integer.toString(p.partition()));
        }
        return join(GROUP, record.groupId());
    }

    /** The value, or null for a tombstone. */
    public static byte[] value(GroupRecord record) {
        if (record.tombstone()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            if (record instanceof GroupRecord.Offset offset) {
                CommittedOffset o = offset.offset();
                out.writeLong(o.offset());
                out.writeInt(o.leaderEpoch());
                out.writeUTF(o.metadata());
                out.writeLong(o.commitTimestamp());
            } else {
                writeSnapshot(out, ((GroupRecord.Metadata) record).snapshot());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static GroupRecord decode(String key, byte[] value) {
        List<String> parts = split(key);
        boolean tombstone = value == null || value.length == 0;
        try (DataInputStream in = tombstone ? null : new DataInputStream(new ByteArrayInputStream(value))) {
            if (in != null && in.readByte() != VERSION) {
                throw new IllegalArgumentException("unknown record version in " + key);
            }
            if (parts.get(0).equals(OFFSET)) {
                PartitionId partition = new PartitionId(new TopicName(parts.get(2), parts.get(3), parts.get(4)),
                        Integer.parseInt(parts.get(5)));
                CommittedOffset offset = in == null ? null
                        : new CommittedOffset(in.readLong(), in.readInt(), in.readUTF(), in.readLong());
                return new GroupRecord.Offset(parts.get(1), partition, offset);
            }
            return new GroupRecord.Metadata(parts.get(1), in == null ? null : readSnapshot(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSnapshot(DataOutputStream out, GroupSnapshot s) throws IOException {
        writeNullable(out, s.protocolType());
        out.writeInt(s.generationId());
        writeNullable(out, s.protocolName());
        writeNullable(out, s.leaderId());
        out.writeLong(s.stateTimestamp());
        out.writeInt(s.members().size());
        for (GroupSnapshot.MemberSnapshot m : s.members()) {
            out.writeUTF(m.memberId());
            writeNullable(out, m.groupInstanceId());
            writeNullable(out, m.clientId());
            writeNullable(out, m.clientHost());
            out.writeInt(m.rebalanceTimeoutMs());
            out.writeInt(m.sessionTimeoutMs());
            writeBytes(out, m.metadata());
            writeBytes(out, m.assignment());
        }
    }

    private static GroupSnapshot readSnapshot(DataInputStream in) throws IOException {
        String protocolType = readNullable(in);
        int generation = in.readInt();
        String protocolName = readNullable(in);
        String leader = readNullable(in);
        long timestamp = in.readLong();
        int count = in.readInt();
        List<GroupSnapshot.MemberSnapshot> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(new GroupSnapshot.MemberSnapshot(in.readUTF(), readNullable(in), readNullable(in),
                    readNullable(in), in.readInt(), in.readInt(), readBytes(in), readBytes(in)));
        }
        return new GroupSnapshot(protocolType, generation, protocolName, leader, timestamp, members);
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return value;
    }

    /** Length-prefixed parts, so any character may appear in a group id. */
    private static String join(String... parts) {
        StringBuilder key = new StringBuilder();
        for (String part : parts) {
            key.append(part.length()).append(':').append(part);
        }
        return key.toString();
    }

    private static List<String> split(String key) {
        List<String> parts = new ArrayList<>();
        int at = 0;
        while (at < key.length()) {
            int colon = key.indexOf(':', at);
            int length = Integer.parseInt(key.substring(at, colon));
            parts.add(key.substring(colon + 1, colon + 1 + length));
            at = colon + 1 + length;
        }
        return parts;
    }
}
