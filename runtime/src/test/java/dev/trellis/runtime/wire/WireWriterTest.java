package dev.trellis.runtime.wire;

import static dev.trellis.runtime.wire.TestMessages.FIELDS;
import static dev.trellis.runtime.wire.TestMessages.encode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte-exact encodings, worked out by hand from https://protobuf.dev/programming-guides/encoding/. */
class WireWriterTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @Test
    void aVarintSpansBytesOfSevenBits() {
        // The guide's first example: field 1 = 150.
        assertEncoding("08 96 01", out -> out.enumValue(1, 150));
        assertEncoding("08 00", out -> out.enumValue(1, 0));
        assertEncoding("08 ff ff ff ff 07", out -> out.enumValue(1, Integer.MAX_VALUE));
    }

    @Test
    void int32IsAZigzagSint32() {
        assertEncoding("08 00", out -> out.int32(1, 0));
        assertEncoding("08 01", out -> out.int32(1, -1));
        assertEncoding("08 02", out -> out.int32(1, 1));
        assertEncoding("08 03", out -> out.int32(1, -2));
        assertEncoding("08 7f", out -> out.int32(1, -64));
        assertEncoding("08 80 01", out -> out.int32(1, 64));
        assertEncoding("08 fe ff ff ff 0f", out -> out.int32(1, Integer.MAX_VALUE));
        assertEncoding("08 ff ff ff ff 0f", out -> out.int32(1, Integer.MIN_VALUE));
    }

    @Test
    void int64IsAZigzagSint64() {
        assertEncoding("10 01", out -> out.int64(2, -1));
        assertEncoding("10 fe ff ff ff ff ff ff ff ff 01", out -> out.int64(2, Long.MAX_VALUE));
        assertEncoding("10 ff ff ff ff ff ff ff ff ff 01", out -> out.int64(2, Long.MIN_VALUE));
    }

    @Test
    void boolIsOneVarintByte() {
        assertEncoding("18 01 18 00", out -> {
            out.bool(3, true);
            out.bool(3, false);
        });
    }

    @Test
    void floatsAreLittleEndianIeee754() {
        assertEncoding("0d 00 00 80 3f", out -> out.float32(1, 1.0f));
        assertEncoding("0d 00 00 00 80", out -> out.float32(1, -0.0f));
        assertEncoding("0d 00 00 c0 7f", out -> out.float32(1, Float.NaN));
        assertEncoding("09 00 00 00 00 00 00 f0 3f", out -> out.float64(1, 1.0));
        assertEncoding("09 00 00 00 00 00 00 f0 ff", out -> out.float64(1, Double.NEGATIVE_INFINITY));
    }

    @Test
    void aStringIsItsUtf8LengthThenItsBytes() {
        // The guide's example: field 2 = "testing".
        assertEncoding("12 07 74 65 73 74 69 6e 67", out -> out.string(2, "testing"));
        assertEncoding("12 00", out -> out.string(2, ""));
        // 2-byte é, 3-byte €, 4-byte U+1F600 from a surrogate pair.
        assertEncoding("12 09 c3 a9 e2 82 ac f0 9f 98 80", out -> out.string(2, "é€😀"));
    }

    @Test
    void anUnpairedSurrogateBecomesAQuestionMarkLikeGetBytes() {
        assertEncoding("0a 05 61 3f 62 3f 3f", out -> out.string(1, "a\uD800b\uDC00\uD83D"));
    }

    @Test
    void stringsEncodeExactlyAsGetBytesDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            char[] chars = new char[random.nextInt(40)];
            for (int j = 0; j < chars.length; j++) {
                // Mostly the interesting ranges: ASCII, 2- and 3-byte chars, and surrogates.
                int range = random.nextInt(4);
                chars[j] = (char) switch (range) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> 0x80 + random.nextInt(0x780);
                    case 2 -> 0xD800 + random.nextInt(0x800);
                    default -> random.nextInt(0x10000);
                };
            }
            String s = new String(chars);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);

            byte[] encoded = encode(out -> out.string(1, s));

            assertArrayEquals(lengthDelimited(1, utf8), encoded, () -> "for " + HEX.formatHex(utf8));
        }
    }

    @Test
    void bytesAreTheirLengthThenThemselves() {
        assertEncoding("22 03 01 02 ff", out -> out.bytes(4, new byte[] {1, 2, -1}));
        assertEncoding("22 00", out -> out.bytes(4, new byte[0]));
    }

    @Test
    void packedFixedSizeValuesAreRawLittleEndianBlocks() {
        assertEncoding("22 08 01 00 00 00 ff ff ff ff", out -> out.packedInts(4, new int[] {1, -1}));
        assertEncoding("0a 08 fe ff ff ff ff ff ff ff", out -> out.packedLongs(1, new long[] {-2}));
        assertEncoding("2a 08 00 00 80 3f 00 00 00 c0", out -> out.packedFloats(5, new float[] {1f, -2f}));
        assertEncoding("0a 08 00 00 00 00 00 00 f0 3f", out -> out.packedDoubles(1, new double[] {1.0}));
        assertEncoding("0a 03 01 00 01", out -> out.packedBooleans(1, new boolean[] {true, false, true}));
    }

    @Test
    void packedVarintsShareOneLengthPrefix() {
        // The guide's packed example is 3, 270, 86942 as int32; chars are uint32 varints alike.
        assertEncoding("32 06 03 8e 02 ff ff 03", out -> out.packedChars(6, new char[] {3, 270, 0xFFFF}));
        assertEncoding("0a 05 01 02 ff ff 03",
                out -> out.packedShorts(1, new short[] {-1, 1, Short.MIN_VALUE}));
        assertEncoding("0a 09 00 01 9c 04 ff ff ff ff 0f",
                out -> out.packedSInt32(1, new int[] {0, -1, 270, Integer.MIN_VALUE}));
        assertEncoding("0a 0b 01 ff ff ff ff ff ff ff ff ff 01",
                out -> out.packedSInt64(1, new long[] {-1, Long.MIN_VALUE}));
    }

    @Test
    void anEmptyPackedArrayWritesNothing() {
        WireWriter out = new WireWriter();
        out.packedFloats(1, new float[0]);
        out.packedDoubles(1, new double[0]);
        out.packedInts(1, new int[0]);
        out.packedLongs(1, new long[0]);
        out.packedBooleans(1, new boolean[0]);
        out.packedShorts(1, new short[0]);
        out.packedChars(1, new char[0]);
        out.packedSInt32(1, new int[0]);
        out.packedSInt64(1, new long[0]);

        assertEquals(0, out.size());
        assertArrayEquals(new byte[0], out.toByteArray());
    }

    @Test
    void aNestedMessageIsLengthDelimited() {
        // The guide's Test3 { Test1 c = 3; } with c.a = 150.
        assertEncoding("1a 03 08 96 01", out -> out.message(3, inner -> inner.enumValue(1, 150), FIELDS));
        assertEncoding("1a 00 08 02", out -> {
            out.message(3, inner -> {}, FIELDS);
            out.int32(1, 1);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {127, 128, 200, 16_383, 16_384, 20_004, 2_097_152})
    void aNestedMessageOfAnyLengthGetsAMinimalLengthPrefix(int length) {
        byte[] content = new byte[length];
        new Random(length).nextBytes(content);

        byte[] encoded = encode(out -> {
            out.message(1, inner -> inner.bytes(2, content), FIELDS);
            out.int32(3, 1); // lands right after the shifted content
        });

        byte[] nested = lengthDelimited(2, content);
        assertArrayEquals(concat(lengthDelimited(1, nested), bytes("18 02")), encoded);
    }

    @Test
    void aThreeByteLengthPrefixWorkedOutByHand() {
        byte[] content = new byte[20_000];

        byte[] encoded = encode(out -> out.message(1, inner -> inner.bytes(1, content), FIELDS));

        // 20000 = 0x4E20 is "a0 9c 01"; the nested message is 4 + 20000 = 20004 bytes, "a4 9c 01".
        assertEquals("0a a4 9c 01 0a a0 9c 01 00", HEX.formatHex(encoded, 0, 9));
        assertEquals(4 + 4 + 20_000, encoded.length);
    }

    @Test
    void shiftsComposeAcrossNestingLevels() {
        byte[] content = new byte[200];

        byte[] encoded = encode(out -> out.message(1,
                middle -> middle.message(1, inner -> inner.bytes(1, content), FIELDS), FIELDS));

        byte[] inner = lengthDelimited(1, content); // 203 bytes
        byte[] middle = lengthDelimited(1, inner); // 206 bytes
        assertArrayEquals(lengthDelimited(1, middle), encoded);
        assertEquals("0a ce 01 0a cb 01 0a c8 01", HEX.formatHex(encoded, 0, 9));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void largeValuesDeepInsideMessagesEncodeAsTheReferenceDoes(int seed) {
        // Random trees of messages whose leaves are values of sizes around every varint boundary, written
        // by the writer and by a plain reference encoder: the prefixes widened ahead of large values, the
        // shifts after small ones and the exactly grown buffer must all give the same bytes.
        Random random = new Random(seed);
        Tree tree = Tree.random(random, 0);

        byte[] encoded = encode(tree::write);

        assertArrayEquals(tree.reference(), encoded);
    }

    @Test
    void anArrayTakenWithoutACopyIsNotChangedByLaterWrites() {
        byte[] content = new byte[100_000];
        new Random(7).nextBytes(content);
        WireWriter out = new WireWriter();
        out.message(1, inner -> {
            inner.int32(1, 5);
            inner.bytes(2, content);
        }, FIELDS);

        byte[] first = out.toByteArray();
        byte[] expected = first.clone();
        out.int32(2, 1);
        out.bytes(3, content);

        assertArrayEquals(expected, first);
        assertEquals(first.length + 2 + lengthDelimited(3, content).length, out.toByteArray().length);
    }

    /** A message of values and nested messages, encoded by the writer and, independently, by hand. */
    private record Tree(List<Object> parts) {

        private static final int[] SIZES = {0, 1, 127, 128, 1_023, 1_024, 16_377, 16_383, 16_384, 20_000, 70_000};

        static Tree random(Random random, int level) {
            List<Object> parts = new java.util.ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                if (level < 4 && random.nextInt(3) == 0) {
                    parts.add(random(random, level + 1));
                } else {
                    byte[] value = new byte[SIZES[random.nextInt(SIZES.length)] + random.nextInt(3)];
                    random.nextBytes(value);
                    parts.add(value);
                }
            }
            return new Tree(parts);
        }

        void write(WireWriter out) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i) instanceof Tree nested) {
                    out.message(i + 1, nested::write, FIELDS);
                } else {
                    out.bytes(i + 1, (byte[]) parts.get(i));
                }
            }
        }

        byte[] reference() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < parts.size(); i++) {
                byte[] content = parts.get(i) instanceof Tree nested ? nested.reference() : (byte[]) parts.get(i);
                out.writeBytes(lengthDelimited(i + 1, content));
            }
            return out.toByteArray();
        }
    }

    @Test
    void fieldNumbersSpanOneToTwoToThe29thMinusOne() {
        assertEncoding("80 01 00", out -> out.enumValue(16, 0));
        assertEncoding("f8 ff ff ff 0f 00", out -> out.enumValue((1 << 29) - 1, 0));
        for (int field : new int[] {0, -1, 1 << 29, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            WireWriter out = new WireWriter();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> out.int32(field, 1));
            assertTrue(e.getMessage().contains("field number " + field), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> out.packedFloats(field, new float[0]));
            assertEquals(0, out.size());
        }
    }

    @Test
    void aNegativeEnumOrdinalIsRefused() {
        WireWriter out = new WireWriter();

        assertThrows(IllegalArgumentException.class, () -> out.enumValue(1, -1));
        assertEquals(0, out.size());
    }

    @Test
    void aNullValueIsRefusedBeforeAnythingIsWritten() {
        WireWriter out = new WireWriter();

        assertThrows(NullPointerException.class, () -> out.string(1, null));
        assertThrows(NullPointerException.class, () -> out.bytes(1, null));
        assertThrows(NullPointerException.class, () -> out.packedFloats(1, null));
        assertThrows(NullPointerException.class, () -> out.packedSInt64(1, null));
        assertThrows(NullPointerException.class, () -> out.message(1, null, FIELDS));
        Consumer<WireWriter> noFields = w -> {};
        assertThrows(NullPointerException.class, () -> out.message(1, noFields, null));
        assertEquals(0, out.size());
    }

    @Test
    void messagesNestAsDeepAsTheReaderAllows() {
        TestMessages.Node deepest = TestMessages.Node.chain(64);
        TestMessages.Node tooDeep = TestMessages.Node.chain(65);

        new WireWriter().message(1, deepest.child(), TestMessages.Node.CODEC); // 64 levels
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WireWriter().message(1, tooDeep.child(), TestMessages.Node.CODEC));
        assertTrue(e.getMessage().contains("nested deeper than 64"), e.getMessage());
    }

    @Test
    void theBufferGrowsAndSizeCountsWhatWasWritten() {
        WireWriter out = new WireWriter();
        for (int i = 0; i < 10_000; i++) {
            out.int32(1, -1);
        }

        assertEquals(20_000, out.size());
        assertEquals(20_000, out.toByteArray().length);
    }

    private static void assertEncoding(String expectedHex, Consumer<WireWriter> fields) {
        assertEquals(expectedHex, HEX.formatHex(encode(fields)));
    }

    static byte[] bytes(String hex) {
        return HEX.parseHex(hex);
    }

    /** Field {@code field}, wire type LEN, with {@code content}: built independently of the writer. */
    static byte[] lengthDelimited(int field, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, field << 3 | 2);
        varint(out, content.length);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while (value >= 0x80) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
