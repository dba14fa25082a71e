package dev.trellis.runtime.wire;

import static dev.trellis.runtime.wire.TestMessages.encode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a writer writes, a reader reads back unchanged, extremes included. */
class WireRoundTripTest {

    private static final int FIELD = 9;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, -1, 63, -64, 64, -65, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void int32(int value) {
        assertEquals(value, roundTrip(WireReader.VARINT, out -> out.int32(FIELD, value), WireReader::readInt32));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, Integer.MIN_VALUE - 1L, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE})
    void int64(long value) {
        assertEquals(value, roundTrip(WireReader.VARINT, out -> out.int64(FIELD, value), WireReader::readInt64));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void bool(boolean value) {
        assertEquals(value, roundTrip(WireReader.VARINT, out -> out.bool(FIELD, value), WireReader::readBool));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127, 128, Integer.MAX_VALUE})
    void enumValue(int ordinal) {
        assertEquals(ordinal,
                roundTrip(WireReader.VARINT, out -> out.enumValue(FIELD, ordinal), WireReader::readEnum));
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -0f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL})
    void float32(float value) {
        float read = roundTrip(WireReader.I32, out -> out.float32(FIELD, value), WireReader::readFloat);

        assertEquals(Float.floatToRawIntBits(value), Float.floatToRawIntBits(read));
    }

    @Test
    void float32KeepsNanPayloads() {
        float nan = Float.intBitsToFloat(0x7fc0_0001);

        float read = roundTrip(WireReader.I32, out -> out.float32(FIELD, nan), WireReader::readFloat);

        assertEquals(0x7fc0_0001, Float.floatToRawIntBits(read));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0d, -0d, 1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL})
    void float64(double value) {
        double read = roundTrip(WireReader.I64, out -> out.float64(FIELD, value), WireReader::readDouble);

        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(read));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "testing", "é", "€", "😀", "a\u0000b", "\uFFFD", "mixed ascii, ünïcödé, 漢字 and 🎉🎉"})
    void string(String value) {
        assertEquals(value, roundTrip(WireReader.LEN, out -> out.string(FIELD, value), WireReader::readString));
    }

    @Test
    void aLongStringOfRandomCodePoints() {
        Random random = new Random(1);
        StringBuilder text = new StringBuilder();
        while (text.length() < 100_000) {
            int codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
            if (!Character.isSurrogate((char) codePoint) || codePoint > 0xFFFF) {
                text.appendCodePoint(codePoint);
            }
        }
        String value = text.toString();

        assertEquals(value, roundTrip(WireReader.LEN, out -> out.string(FIELD, value), WireReader::readString));
    }

    @Test
    void anUnpairedSurrogateComesBackAsAQuestionMark() {
        String value = "x\uDC00y\uD800";

        assertEquals("x?y?", roundTrip(WireReader.LEN, out -> out.string(FIELD, value), WireReader::readString));
        assertEquals("x?y?", new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Test
    void bytes() {
        byte[] random = new byte[1000];
        new Random(2).nextBytes(random);
        for (byte[] value : List.of(new byte[0], new byte[] {0, -1, 127, -128}, random)) {
            assertArrayEquals(value,
                    roundTrip(WireReader.LEN, out -> out.bytes(FIELD, value), WireReader::readBytes));
        }
    }

    @Test
    void packedFloats() {
        float[] values = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
            Float.MAX_VALUE, -1.25f};

        assertArrayEquals(values,
                roundTrip(WireReader.LEN, out -> out.packedFloats(FIELD, values), WireReader::readPackedFloats));
    }

    @Test
    void aMillionPackedFloats() {
        float[] values = new float[1_000_000];
        Random random = new Random(3);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * i - i / 2f;
        }

        float[] read = roundTrip(WireReader.LEN, out -> out.packedFloats(FIELD, values), WireReader::readPackedFloats);

        assertArrayEquals(values, read);
    }

    @Test
    void packedDoubles() {
        double[] values = {0d, -0d, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, Math.PI};

        assertArrayEquals(values,
                roundTrip(WireReader.LEN, out -> out.packedDoubles(FIELD, values), WireReader::readPackedDoubles));
    }

    @Test
    void packedInts() {
        int[] values = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};

        assertArrayEquals(values,
                roundTrip(WireReader.LEN, out -> out.packedInts(FIELD, values), WireReader::readPackedInts));
    }

    @Test
    void packedLongs() {
        long[] values = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE};

        assertArrayEquals(values,
                roundTrip(WireReader.LEN, out -> out.packedLongs(FIELD, values), WireReader::readPackedLongs));
    }

    @Test
    void packedBooleans() {
        boolean[] values = {true, false, false, true};

        assertArrayEquals(values,
                roundTrip(WireReader.LEN, out -> out.packedBooleans(FIELD, values), WireReader::readPackedBooleans));
    }

    @Test
    void packedShorts() {
        short[] values = {0, 1, -1, Short.MIN_VALUE, Short.MAX_VALUE};

        assertArrayEquals(values,
                roundTrip(WireReader.LEN, out -> out.packedShorts(FIELD, values), WireReader::readPackedShorts));
    }

    @Test
    void packedChars() {
        char[] values = {0, 'a', 0x7F, 0x80, 0xD800, Character.MAX_VALUE};

        assertArrayEquals(values,
                roundTrip(WireReader.LEN, out -> out.packedChars(FIELD, values), WireReader::readPackedChars));
    }

    @Test
    void packedSInt32() {
        int[] values = {0, 1, -1, 300, -300, Integer.MIN_VALUE, Integer.MAX_VALUE};

        assertArrayEquals(values,
                roundTrip(WireReader.LEN, out -> out.packedSInt32(FIELD, values), WireReader::readPackedSInt32));
    }

    @Test
    void packedSInt64() {
        long[] values = {0, 1, -1, 1L << 40, Long.MIN_VALUE, Long.MAX_VALUE};

        assertArrayEquals(values,
                roundTrip(WireReader.LEN, out -> out.packedSInt64(FIELD, values), WireReader::readPackedSInt64));
    }

    @Test
    void emptyPackedArraysAreAbsentFields() {
        byte[] encoded = encode(out -> {
            out.packedFloats(FIELD, new float[0]);
            out.packedSInt32(FIELD, new int[0]);
        });

        assertEquals(0, new WireReader(encoded).readTag());
    }

    @Test
    void aMessageThreeLevelsDeep() {
        Outer value = new Outer("outer", new Middle(-7L, new Inner(new double[] {1.5, Double.NaN}, true),
                new float[] {1f, 2f}), 42);
        byte[] encoded = encode(out -> out.message(1, value, Outer.CODEC));

        WireReader in = new WireReader(encoded);
        assertEquals(1, WireReader.fieldOf(in.readTag()));
        Outer read = in.readMessage(Outer.CODEC);

        assertEquals(value.name(), read.name());
        assertEquals(value.count(), read.count());
        assertEquals(value.middle().id(), read.middle().id());
        assertArrayEquals(value.middle().weights(), read.middle().weights());
        assertArrayEquals(value.middle().inner().values(), read.middle().inner().values());
        assertEquals(value.middle().inner().flag(), read.middle().inner().flag());
        assertEquals(0, in.readTag());
    }

    @Test
    void aReaderOverASliceReadsOnlyTheSlice() {
        byte[] message = encode(out -> out.string(1, "slice"));
        byte[] padded = new byte[message.length + 20];
        Arrays.fill(padded, (byte) 0xFF);
        System.arraycopy(message, 0, padded, 10, message.length);

        WireReader in = new WireReader(padded, 10, message.length);

        assertEquals(1, WireReader.fieldOf(in.readTag()));
        assertEquals("slice", in.readString());
        assertEquals(0, in.readTag());
        assertThrows(IndexOutOfBoundsException.class, () -> new WireReader(padded, 10, padded.length));
        assertThrows(IndexOutOfBoundsException.class, () -> new WireReader(padded, -1, 2));
    }

    @Test
    void unknownFieldsOfEveryWireTypeAreSkipped() {
        byte[] encoded = encode(out -> {
            out.int64(100, Long.MIN_VALUE);
            out.float32(101, 1f);
            out.float64(102, 1d);
            out.string(103, "skipped");
            out.message(104, new Middle(1, new Inner(new double[] {1}, false), new float[0]), Middle.CODEC);
            out.int32(1, 5);
        });

        assertEquals(List.of("100:skipped", "101:skipped", "102:skipped", "103:skipped", "104:skipped", "1=5"),
                TestMessages.FieldLog.decode(encoded));
    }

    /** Writes one field, reads it back, and checks that it was the only one. */
    private static <T> T roundTrip(int wireType, Consumer<WireWriter> write, Function<WireReader, T> read) {
        WireReader in = new WireReader(encode(write));
        int tag = in.readTag();
        assertEquals(FIELD, WireReader.fieldOf(tag));
        assertEquals(wireType, WireReader.wireTypeOf(tag));
        T value = read.apply(in);
        assertEquals(0, in.readTag(), "one field, read to its end");
        return value;
    }

    record Outer(String name, Middle middle, int count) {
        static final WireCodec<Outer> CODEC = new WireCodec<>() {
            @Override
            public void write(WireWriter out, Outer value) {
                out.string(1, value.name());
                out.message(2, value.middle(), Middle.CODEC);
                out.int32(3, value.count());
            }

            @Override
            public Outer read(WireReader in) {
                String name = "";
                Middle middle = null;
                int count = 0;
                int tag;
                while ((tag = in.readTag()) != 0) {
                    switch (WireReader.fieldOf(tag)) {
                        case 1 -> name = in.readString();
                        case 2 -> middle = in.readMessage(Middle.CODEC);
                        case 3 -> count = in.readInt32();
                        default -> in.skipField(tag);
                    }
                }
                return new Outer(name, middle, count);
            }
        };
    }

    record Middle(long id, Inner inner, float[] weights) {
        static final WireCodec<Middle> CODEC = new WireCodec<>() {
            @Override
            public void write(WireWriter out, Middle value) {
                out.int64(1, value.id());
                out.message(2, value.inner(), Inner.CODEC);
                out.packedFloats(3, value.weights());
            }

            @Override
            public Middle read(WireReader in) {
                long id = 0;
                Inner inner = null;
                float[] weights = new float[0];
                int tag;
                while ((tag = in.readTag()) != 0) {
                    switch (WireReader.fieldOf(tag)) {
                        case 1 -> id = in.readInt64();
                        case 2 -> inner = in.readMessage(Inner.CODEC);
                        case 3 -> weights = in.readPackedFloats();
                        default -> in.skipField(tag);
                    }
                }
                return new Middle(id, inner, weights);
            }
        };
    }

    record Inner(double[] values, boolean flag) {
        static final WireCodec<Inner> CODEC = new WireCodec<>() {
            @Override
            public void write(WireWriter out, Inner value) {
                out.packedDoubles(1, value.values());
                out.bool(2, value.flag());
            }

            @Override
            public Inner read(WireReader in) {
                double[] values = new double[0];
                boolean flag = false;
                int tag;
                while ((tag = in.readTag()) != 0) {
                    switch (WireReader.fieldOf(tag)) {
                        case 1 -> values = in.readPackedDoubles();
                        case 2 -> flag = in.readBool();
                        default -> in.skipField(tag);
                    }
                }
                return new Inner(values, flag);
            }
        };
    }
}
