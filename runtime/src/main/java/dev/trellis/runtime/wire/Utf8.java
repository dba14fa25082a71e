package dev.trellis.runtime.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 for protobuf {@code string} fields. Encoding writes straight into the writer's buffer and
 * treats an unpaired surrogate as {@code '?'}, byte for byte what {@code String.getBytes(UTF_8)} does;
 * decoding rejects malformed input instead of replacing it, so a corrupt string is an error, not
 * silently different text.
 */
final class Utf8 {

    private Utf8() {}

    /**
     * The number of bytes {@link #encode} writes for {@code s}; a {@code long} because a string of
     * {@code Integer.MAX_VALUE} chars may need three times as many bytes.
     */
    static long encodedLength(String s) {
        int chars = s.length();
        long bytes = chars;
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            } else if (startsPair(s, i)) {
                bytes += 2; // two chars, four bytes
                i++;
            } // an unpaired surrogate is one '?'
        }
        return bytes;
    }

    /** Writes {@code s} at {@code out[offset]}, which has room for its {@link #encodedLength}; returns the end. */
    static int encode(String s, byte[] out, int offset) {
        int chars = s.length();
        int p = offset;
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | c >>> 6);
                out[p++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                out[p++] = (byte) (0xE0 | c >>> 12);
                out[p++] = (byte) (0x80 | c >>> 6 & 0x3F);
                out[p++] = (byte) (0x80 | c & 0x3F);
            } else if (startsPair(s, i)) {
                int codePoint = Character.toCodePoint(c, s.charAt(++i));
                out[p++] = (byte) (0xF0 | codePoint >>> 18);
                out[p++] = (byte) (0x80 | codePoint >>> 12 & 0x3F);
                out[p++] = (byte) (0x80 | codePoint >>> 6 & 0x3F);
                out[p++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                out[p++] = '?';
            }
        }
        return p;
    }

    /**
     * Decodes {@code length} bytes at {@code offset}.
     *
     * @throws CharacterCodingException if they are not well-formed UTF-8
     */
    static String decode(byte[] bytes, int offset, int length) throws CharacterCodingException {
        // The String constructor is the JDK's fastest decoder, but it replaces malformed input with
        // U+FFFD. Malformed input always yields at least one U+FFFD, so only text that contains one
        // (rare in practice) pays for a strict second decoding to tell a real U+FFFD from corruption.
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length))
                .toString();
    }

    private static boolean startsPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i))
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
