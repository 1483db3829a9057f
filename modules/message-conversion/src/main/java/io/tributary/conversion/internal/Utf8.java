package io.tributary.conversion.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: bytes that are not valid UTF-8 give null instead of replacement characters. */
public final class Utf8 {

    private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(() ->
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

    private Utf8() {
    }

    /** The text the bytes spell, or null when they are not valid UTF-8. The buffer is not consumed. */
    public static String decodeOrNull(ByteBuffer bytes) {
        CharsetDecoder decoder = DECODER.get().reset();
        try {
            return decoder.decode(bytes.duplicate()).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    public static String decodeOrNull(byte[] bytes) {
        return decodeOrNull(ByteBuffer.wrap(bytes));
    }
}
