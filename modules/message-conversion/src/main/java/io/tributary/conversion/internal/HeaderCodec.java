package io.tributary.conversion.internal;

import io.tributary.conversion.EntryProperties;
import io.tributary.spi.storage.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.pulsar.common.api.proto.KeyValue;
import org.apache.pulsar.common.api.proto.SingleMessageMetadata;

/**
 * Record headers as Pulsar message properties. UTF-8 values are stored as they are. A value that is
 * not UTF-8 is stored base64-encoded and a null value as an empty string; the property
 * {@link EntryProperties#HEADER_ENCODING} then records each value's encoding so the headers come back
 * byte for byte. Pulsar clients see the base64 text for such values.
 */
public final class HeaderCodec {

    private static final char TEXT = 's';
    private static final char BASE64 = 'b';
    private static final char NULL = 'n';

    private HeaderCodec() {
    }

    public static void write(List<Header> headers, SingleMessageMetadata target) {
        if (headers == null || headers.isEmpty()) {
            return;
        }
        StringBuilder encoding = null;
        for (int i = 0; i < headers.size(); i++) {
            Header header = headers.get(i);
            char kind;
            String value;
            if (header.value() == null) {
                kind = NULL;
                value = "";
            } else {
                value = Utf8.decodeOrNull(header.value());
                kind = value == null ? BASE64 : TEXT;
                if (value == null) {
                    value = Base64.getEncoder().encodeToString(header.value());
                }
            }
            target.addProperty().setKey(header.key()).setValue(value);
            if (kind != TEXT && encoding == null) {
                encoding = new StringBuilder(headers.size());
                encoding.append(String.valueOf(TEXT).repeat(i));
            }
            if (encoding != null) {
                encoding.append(kind);
            }
        }
        if (encoding != null) {
            target.addProperty().setKey(EntryProperties.HEADER_ENCODING).setValue(encoding.toString());
        }
    }

    /** Headers from a property list, as read from a single message or an unbatched message. */
    public static List<Header> read(int count, java.util.function.IntFunction<KeyValue> property) {
        if (count == 0) {
            return List.of();
        }
        String encoding = null;
        for (int i = count - 1; i >= 0; i--) {
            KeyValue kv = property.apply(i);
            if (EntryProperties.HEADER_ENCODING.equals(kv.getKey())) {
                encoding = kv.getValue();
                break;
            }
        }
        List<Header> headers = new ArrayList<>(count);
        int index = 0;
        for (int i = 0; i < count; i++) {
            KeyValue kv = property.apply(i);
            if (EntryProperties.HEADER_ENCODING.equals(kv.getKey())) {
                continue;
            }
            char kind = encoding != null && index < encoding.length() ? encoding.charAt(index) : TEXT;
            headers.add(new Header(kv.getKey(), value(kind, kv.getValue())));
            index++;
        }
        return headers;
    }

    private static byte[] value(char kind, String value) {
        return switch (kind) {
            case NULL -> null;
            case BASE64 -> Base64.getDecoder().decode(value);
            default -> value.getBytes(StandardCharsets.UTF_8);
        };
    }
}
