package dev.trellis.runtime.wire;

import static dev.trellis.runtime.wire.TestMessages.encode;
import static dev.trellis.runtime.wire.WireWriterTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trellis.runtime.wire.TestMessages.FieldLog;
import dev.trellis.runtime.wire.TestMessages.Node;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bytes from the network are not trusted: anything wrong is a {@link WireFormatException}, nothing else. */
class WireCorruptInputTest {

    /** One field of every kind FieldLog knows; boundaries[i] is where field i ends. */
    private static final List<Consumer<WireWriter>> FIELDS = List.of(
            out -> out.int32(1, -300),
            out -> out.int64(2, Long.MIN_VALUE),
            out -> out.bool(3, true),
            out -> out.enumValue(4, 150),
            out -> out.float32(5, 1.5f),
            out -> out.float64(6, -2.25),
            out -> out.string(7, "héllo 😀"),
            out -> out.bytes(8, new byte[] {1, 2, 3}),
            out -> out.packedFloats(9, new float[] {1f, Float.NaN}),
            out -> out.packedDoubles(10, new double[] {-0d}),
            out -> out.packedInts(11, new int[] {Integer.MIN_VALUE, 7}),
            out -> out.packedLongs(12, new long[] {Long.MAX_VALUE}),
            out -> out.packedBooleans(13, new boolean[] {true, false}),
            out -> out.packedShorts(14, new short[] {Short.MIN_VALUE, 300}),
            out -> out.packedChars(15, new char[] {'x', 0xFFFF}),
            out -> out.packedSInt32(16, new int[] {-1, 1 << 20}),
            out -> out.packedSInt64(17, new long[] {Long.MIN_VALUE, 0}),
            out -> out.message(18, inner -> {
                inner.string(7, "nested");
                inner.message(18, deepest -> deepest.int32(1, 5), TestMessages.FIELDS);
            }, TestMessages.FIELDS),
            out -> out.int32(200, 1));

    private static final List<String> LOG = List.of(
            "1=-300", "2=-9223372036854775808", "3=true", "4=150", "5=1.5", "6=-2.25", "7=héllo 😀",
            "8=[1, 2, 3]", "9=[1.0, NaN]", "10=[-0.0]", "11=[-2147483648, 7]", "12=[9223372036854775807]",
            "13=[true, false]", "14=[-32768, 300]", "15=[x, \uFFFF]", "16=[-1, 1048576]",
            "17=[-9223372036854775808, 0]", "18=[7=nested, 18=[1=5]]", "200:skipped");

    @Test
    void theFullMessageDecodesToEveryField() {
        assertEquals(LOG, FieldLog.decode(encode(out -> FIELDS.forEach(field -> field.accept(out)))));
    }

    @Test
    void everyTruncationDecodesTheFieldsBeforeItOrFails() {
        WireWriter out = new WireWriter();
        List<Integer> boundaries = new ArrayList<>(List.of(0));
        for (Consumer<WireWriter> field : FIELDS) {
            field.accept(out);
            boundaries.add(out.size());
        }
        byte[] message = out.toByteArray();

        for (int length = 0; length <= message.length; length++) {
            WireReader in = new WireReader(message, 0, length); // the bytes past the slice are there, unread
            int fieldsBefore = boundaries.indexOf(length);
            try {
                List<String> log = FieldLog.INSTANCE.read(in);
                assertTrue(fieldsBefore >= 0, "a cut inside a field at " + length + " decoded " + log);
                assertEquals(LOG.subList(0, fieldsBefore), log, "cut at " + length);
            } catch (WireFormatException e) {
                assertTrue(fieldsBefore < 0, "a cut between fields at " + length + " failed: " + e.getMessage());
            }
        }
    }

    @Test
    void randomBytesDecodeOrFailCleanly() {
        Random random = new Random(20_240_917L);
        int failed = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] garbage = new byte[random.nextInt(100)];
            random.nextBytes(garbage);
            failed += decodeOrFailCleanly(garbage);
        }
        assertTrue(failed > 0);
    }

    @Test
    void mutatedMessagesDecodeOrFailCleanly() {
        byte[] message = encode(out -> FIELDS.forEach(field -> field.accept(out)));
        Random random = new Random(17L);
        int failed = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] mutated = message.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            failed += decodeOrFailCleanly(mutated);
        }
        assertTrue(failed > 0 && failed < 10_000, "both outcomes are exercised: " + failed + " failed");
    }

    /** Returns 1 if the bytes were refused, 0 if they decoded; anything but a WireFormatException fails. */
    private static int decodeOrFailCleanly(byte[] bytes) {
        try {
            FieldLog.decode(bytes);
            return 0;
        } catch (WireFormatException e) {
            assertTrue(e.getMessage().contains("offset") || e.getMessage().contains(" of FieldLog "),
                    e.getMessage());
            return 1;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("decoding " + Arrays.toString(bytes) + " threw " + e, e);
        }
    }

    @Test
    void aLengthOf2To31Minus1IsRefusedBeforeAllocating() {
        byte[] hugeLength = bytes("0a ff ff ff ff 07 00 00");
        List<Function<WireReader, ?>> reads = List.of(WireReader::readBytes, WireReader::readString,
                WireReader::readPackedFloats, WireReader::readPackedDoubles, WireReader::readPackedInts,
                WireReader::readPackedLongs, WireReader::readPackedBooleans, WireReader::readPackedShorts,
                WireReader::readPackedChars, WireReader::readPackedSInt32, WireReader::readPackedSInt64,
                in -> in.readMessage(FieldLog.INSTANCE), in -> {
                    in.skipField(WireReader.LEN);
                    return null;
                });
        long allocatedBefore = allocatedBytes();
        for (Function<WireReader, ?> read : reads) {
            WireReader in = new WireReader(hugeLength);
            in.readTag();

            WireFormatException e = assertThrows(WireFormatException.class, () -> read.apply(in));

            assertTrue(e.getMessage().contains("at offset 1 declares 2147483647 bytes, but only 2 remain"),
                    e.getMessage());
        }
        long allocated = allocatedBytes() - allocatedBefore;
        assertTrue(allocated < 10_000_000, "allocated " + allocated + " bytes");
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads.getCurrentThreadAllocatedBytes();
        }
        assumeTrue(false, "this JVM does not count allocated bytes");
        return 0;
    }

    @Test
    void negativeAndOversizedLengthsAreRefused() {
        assertFails("bytes at offset 1 has a negative length: -1",
                "0a ff ff ff ff ff ff ff ff ff 01", WireReader::readBytes);
        assertFails("string at offset 1 declares 4294967295 bytes, but only 0 remain",
                "0a ff ff ff ff 0f", WireReader::readString);
    }

    @Test
    void varintsEndWithinTenBytes() {
        assertFails("sint64 at offset 1 is a varint longer than 10 bytes",
                "08 ff ff ff ff ff ff ff ff ff ff 01", WireReader::readInt64);
        assertFails("sint64 at offset 1 is a varint larger than 64 bits",
                "08 ff ff ff ff ff ff ff ff ff 02", WireReader::readInt64);
        assertFails("truncated sint32 at offset 1", "08 ff ff", WireReader::readInt32);
        assertFails("truncated enum at offset 1", "08", WireReader::readEnum);
        assertFails("truncated bool at offset 1", "08 80", WireReader::readBool);
    }

    @Test
    void fixedSizeValuesMustBeWhole() {
        assertFails("truncated float at offset 1: needs 4 bytes, 2 remain", "0d 00 00", WireReader::readFloat);
        assertFails("truncated double at offset 1: needs 8 bytes, 7 remain",
                "09 00 00 00 00 00 00 00", WireReader::readDouble);
        assertFails("packed floats at offset 1 has 3 bytes, not a multiple of 4",
                "0a 03 00 00 00", WireReader::readPackedFloats);
        assertFails("packed sfixed64 at offset 1 has 12 bytes, not a multiple of 8",
                "0a 0c 00 00 00 00 00 00 00 00 00 00 00 00", WireReader::readPackedLongs);
    }

    @Test
    void packedVarintsMustEndInsideTheirField() {
        assertFails("truncated packed sint32 at offset 4", "0a 03 01 02 80 01", WireReader::readPackedSInt32);
        assertFails("packed sint64 at offset 2 is a varint longer than 10 bytes",
                "0a 0b ff ff ff ff ff ff ff ff ff ff 01", WireReader::readPackedSInt64);
    }

    @Test
    void packedShortsAndCharsMustFitTheirType() {
        // zigzag 65536 is 32768, one past Short.MAX_VALUE; 65536 is one past Character.MAX_VALUE.
        assertFails("packed shorts at offset 3 holds 32768, which does not fit in a short",
                "0a 04 00 80 80 04", WireReader::readPackedShorts);
        assertFails("packed chars at offset 2 holds 65536, which does not fit in a char",
                "0a 03 80 80 04", WireReader::readPackedChars);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c3 28", "c0 af", "e0 80 af", "ed a0 80", "f4 90 80 80", "e2 82", "ff", "80"})
    void malformedUtf8IsRefused(String utf8) {
        byte[] content = bytes(utf8);
        byte[] encoded = encode(out -> out.bytes(1, content));

        assertFails("string at offset 1 is not valid UTF-8", encoded, WireReader::readString);
    }

    @Test
    void aGenuineReplacementCharacterIsNotMistakenForMalformedInput() {
        byte[] encoded = encode(out -> out.bytes(1, bytes("ef bf bd 41")));
        WireReader in = new WireReader(encoded);
        in.readTag();

        assertEquals("\uFFFDA", in.readString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00 : tag at offset 0 has field number 0",
        "07 : tag at offset 0 has field number 0",
        "0b : field 1 at offset 0 is a group (wire type 3), which is not supported",
        "0c : field 1 at offset 0 is a group (wire type 4), which is not supported",
        "0e : field 1 at offset 0 has wire type 6, which is not a protobuf wire type",
        "0f : field 1 at offset 0 has wire type 7, which is not a protobuf wire type",
        "f8 ff ff ff 1f : tag at offset 0 is larger than 32 bits",
        "88 : truncated tag at offset 0"})
    void badTagsAreRefused(String bytesAndMessage) {
        String[] parts = bytesAndMessage.split(" : ");

        WireFormatException e = assertThrows(WireFormatException.class,
                () -> new WireReader(bytes(parts[0])).readTag());

        assertTrue(e.getMessage().startsWith(parts[1]), e.getMessage());
    }

    @Test
    void theLargestFieldNumberIsATag() {
        int tag = new WireReader(encode(out -> out.bool((1 << 29) - 1, true))).readTag();

        assertEquals((1 << 29) - 1, WireReader.fieldOf(tag));
        assertEquals(WireReader.VARINT, WireReader.wireTypeOf(tag));
    }

    @Test
    void aFieldOfTheWrongWireTypeIsNamed() {
        WireReader in = new WireReader(encode(out -> out.int32(3, 1)));
        int tag = in.readTag();

        WireFormatException e = assertThrows(WireFormatException.class,
                () -> in.expectWireType(tag, WireReader.LEN, "Prediction"));

        assertEquals("field 3 of Prediction has wire type 0, expected 2", e.getMessage());
        in.expectWireType(tag, WireReader.VARINT, "Prediction");
    }

    @Test
    void skippingAGroupOrUndefinedWireTypeIsRefused() {
        for (int wireType : new int[] {3, 4, 6, 7}) {
            WireReader in = new WireReader(bytes("00 00"));
            WireFormatException e = assertThrows(WireFormatException.class, () -> in.skipField(8 | wireType));
            assertEquals("cannot skip field 1 at offset 0: wire type " + wireType + " is not supported",
                    e.getMessage());
        }
    }

    @Test
    void skippingATruncatedValueIsRefused() {
        assertFails("truncated skipped I64 value at offset 1: needs 8 bytes, 1 remain", "09 00", in -> {
            in.skipField(WireReader.I64);
            return null;
        });
        assertFails("truncated skipped I32 value at offset 1: needs 4 bytes, 0 remain", "0d", in -> {
            in.skipField(WireReader.I32);
            return null;
        });
    }

    @Test
    void messagesNestedSixtyFourDeepAreRead() {
        byte[] encoded = nested(64);

        assertEquals(64, Node.CODEC.read(new WireReader(encoded)).nested());
    }

    @Test
    void messagesNestedDeeperThanSixtyFourAreRefused() {
        for (int depth : new int[] {65, 100, 5_000}) {
            byte[] encoded = nested(depth);

            WireFormatException e = assertThrows(WireFormatException.class,
                    () -> Node.CODEC.read(new WireReader(encoded)));

            assertTrue(e.getMessage().endsWith("is nested deeper than 64"), e.getMessage());
        }
    }

    /** {@code depth} messages, each the only field of the one around it; built as bytes, not by a writer. */
    private static byte[] nested(int depth) {
        byte[] message = new byte[0];
        for (int i = 0; i < depth; i++) {
            message = WireWriterTest.lengthDelimited(1, message);
        }
        return message;
    }

    @Test
    void aCodecThatStopsEarlyIsABugNotBadInput() {
        WireCodec<String> lazy = new WireCodec<>() {
            @Override
            public void write(WireWriter out, String value) {}

            @Override
            public String read(WireReader in) {
                return "stopped";
            }
        };
        WireReader in = new WireReader(encode(out -> out.message(1, w -> w.int32(1, 1), TestMessages.FIELDS)));
        in.readTag();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> in.readMessage(lazy));

        assertTrue(e.getMessage().contains("returned after 0 of the 2 bytes of the message at offset 1"),
                e.getMessage());
    }

    private static void assertFails(String message, String hex, Function<WireReader, ?> read) {
        assertFails(message, bytes(hex), read);
    }

    /** Reads the first tag of {@code encoded}, then expects {@code read} to fail with {@code message}. */
    private static void assertFails(String message, byte[] encoded, Function<WireReader, ?> read) {
        WireReader in = new WireReader(encoded);
        in.readTag();
        Executable reading = () -> read.apply(in);

        WireFormatException e = assertThrows(WireFormatException.class, reading);

        if (!e.getMessage().equals(message)) {
            fail("expected <" + message + "> but was <" + e.getMessage() + ">");
        }
    }
}
