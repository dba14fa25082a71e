package dev.trellis.codegen.showcase;

import static com.google.common.truth.Truth.assertThat;
import static dev.trellis.codegen.showcase.EverythingAssertions.assertSameContent;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.runtime.wire.WireCodec;
import dev.trellis.runtime.wire.WireFormatException;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The generated codecs of the showcase, through encode and decode. */
class WireCodecRoundTripTest {

    static <T> byte[] encode(WireCodec<T> codec, T value) {
        WireWriter out = new WireWriter();
        codec.write(out, value);
        return out.toByteArray();
    }

    static <T> T decode(WireCodec<T> codec, byte[] bytes) {
        return codec.read(new WireReader(bytes));
    }

    @Test
    void everyKindSurvivesARoundTrip() {
        Everything full = Samples.full();
        assertSameContent(decode(EverythingWireCodec.INSTANCE, encode(EverythingWireCodec.INSTANCE, full)), full);
    }

    @Test
    void nullsAndEmptiesDecodeToDefaultsAndEncodeToNothing() {
        Everything nothing = new Everything(0, 0, (short) 0, (byte) 0, (char) 0, false, 0f, 0d, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        byte[] bytes = encode(EverythingWireCodec.INSTANCE, nothing);

        assertThat(bytes).isEmpty();
        assertSameContent(decode(EverythingWireCodec.INSTANCE, bytes), Samples.empty());
    }

    @Test
    void presenceOfBoxedZerosAndEmptyStringsIsKept() {
        Everything zeros = withBoxes(0, 0L, false, 0.0, "");
        Everything decoded = decode(EverythingWireCodec.INSTANCE, encode(EverythingWireCodec.INSTANCE, zeros));

        assertThat(decoded.boxedInt()).isEqualTo(0);
        assertThat(decoded.boxedLong()).isEqualTo(0L);
        assertThat(decoded.boxedBool()).isFalse();
        assertThat(decoded.boxedDouble()).isEqualTo(0.0);
        assertThat(decoded.text()).isEmpty();
    }

    @Test
    void veryLargeArraysRoundTrip() {
        float[] floats = new float[2_000_000];
        Random random = new Random(7);
        for (int i = 0; i < floats.length; i++) {
            floats[i] = random.nextFloat();
        }
        Everything large = new Everything(0, 0, (short) 0, (byte) 0, (char) 0, false, 0f, 0d, null, null, null,
                null, null, new byte[3_000_000], floats, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);

        Everything decoded = decode(EverythingWireCodec.INSTANCE, encode(EverythingWireCodec.INSTANCE, large));

        assertThat(Arrays.equals(decoded.floats(), floats)).isTrue();
        assertThat(decoded.blob()).hasLength(3_000_000);
    }

    @Test
    void sealedInterfaceKeepsItsVariant() {
        Shape polygon = new Shape.Polygon(List.of(new Point(1, 2)), Optional.of("p"));
        assertThat(decode(ShapeWireCodec.INSTANCE, encode(ShapeWireCodec.INSTANCE, polygon))).isEqualTo(polygon);
        Shape circle = new Shape.Circle(null, 1);
        assertThat(decode(ShapeWireCodec.INSTANCE, encode(ShapeWireCodec.INSTANCE, circle))).isEqualTo(circle);
    }

    @Test
    void sealedInterfaceWithoutAVariantIsACorruptMessage() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> decode(ShapeWireCodec.INSTANCE, new byte[0]));
        assertThat(e).hasMessageThat().contains("Shape holds none of its variants");
    }

    @Test
    void nullItemsInAListAreRefusedWithTheFieldName() {
        Tree tree = new Tree("root", Arrays.asList(new Tree("a", List.of()), null));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> encode(TreeWireCodec.INSTANCE, tree));
        assertThat(e).hasMessageThat().contains("Tree.children holds a null item");
    }

    @Test
    void everyTruncationFailsCleanlyOrDecodesAPrefix() {
        byte[] bytes = encode(EverythingWireCodec.INSTANCE, Samples.full());
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            try {
                decode(EverythingWireCodec.INSTANCE, prefix);
            } catch (WireFormatException expected) {
                // a cut inside a field
            }
        }
    }

    @Test
    void randomCorruptionOnlyEverFailsWithWireFormatException() {
        byte[] bytes = encode(EverythingWireCodec.INSTANCE, Samples.full());
        Random random = new Random(42);
        int failures = 0;
        for (int round = 0; round < 5_000; round++) {
            byte[] corrupt = bytes.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            try {
                decode(EverythingWireCodec.INSTANCE, corrupt);
            } catch (WireFormatException expected) {
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(0);
    }

    @Test
    void wrongWireTypeNamesTheField() {
        WireWriter out = new WireWriter();
        out.string(1, "not an int"); // Everything.i is a varint
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> decode(EverythingWireCodec.INSTANCE, out.toByteArray()));
        assertThat(e).hasMessageThat().contains("Everything.i");
    }

    @Test
    void unknownEnumOrdinalIsACorruptMessage() {
        WireWriter out = new WireWriter();
        out.enumValue(22, 9); // Everything.color has three values
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> decode(EverythingWireCodec.INSTANCE, out.toByteArray()));
        assertThat(e).hasMessageThat().contains("has no value with ordinal 9");
    }

    @Test
    void deploymentWireCarriesArgumentsAndResultsOfOverloads() {
        EchoWire wire = new EchoWire();
        int addInts = EchoHandle.ADD_INT_INT.index();
        int addDoubles = EchoHandle.ADD_DOUBLE_DOUBLE.index();

        assertThat(wire.decodeRequest(addInts, wire.encodeRequest(addInts, new Object[] {-2, 40})))
                .asList().containsExactly(-2, 40).inOrder();
        assertThat(wire.decodeRequest(addDoubles, wire.encodeRequest(addDoubles, new Object[] {0.5, 1.5})))
                .asList().containsExactly(0.5, 1.5).inOrder();
        assertThat(wire.decodeResponse(addInts, wire.encodeResponse(addInts, 38))).isEqualTo(38);
        int forget = EchoHandle.FORGET.index();
        assertThat(wire.encodeResponse(forget, null)).isEmpty();
        assertThat(wire.decodeResponse(forget, new byte[0])).isNull();
        Object[] echoed = wire.decodeRequest(EchoHandle.ECHO.index(),
                wire.encodeRequest(EchoHandle.ECHO.index(), new Object[] {Samples.full()}));
        assertSameContent((Everything) echoed[0], Samples.full());
    }

    private static Everything withBoxes(Integer i, Long l, Boolean b, Double d, String text) {
        return new Everything(0, 0, (short) 0, (byte) 0, (char) 0, false, 0f, 0d, i, l, b, d, text, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }
}
