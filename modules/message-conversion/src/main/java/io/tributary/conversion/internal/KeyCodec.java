package io.tributary.conversion.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.pulsar.common.api.proto.SingleMessageMetadata;

/**
 * Record keys as Pulsar partition keys. A UTF-8 key is stored as text, so Pulsar clients read the same
 * string and key-based routing works; any other key is stored base64-encoded with
 * {@code partition_key_b64_encoded}, which Pulsar clients decode back to the original bytes.
 */
public final class KeyCodec {

    private KeyCodec() {
    }

    public static void write(ByteBuffer key, SingleMessageMetadata target) {
        if (key == null) {
            return;
        }
        String text = Utf8.decodeOrNull(key);
        if (text != null) {
            target.setPartitionKey(text);
        } else {
            target.setPartitionKey(Base64.getEncoder().encodeToString(bytes(key)));
            target.setPartitionKeyB64Encoded(true);
        }
    }

    public static ByteBuffer read(boolean present, String partitionKey, boolean base64) {
        if (!present) {
            return null;
        }
        return ByteBuffer.wrap(base64
                ? Base64.getDecoder().decode(partitionKey)
                : partitionKey.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
