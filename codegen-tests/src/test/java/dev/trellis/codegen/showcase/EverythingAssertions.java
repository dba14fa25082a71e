package dev.trellis.codegen.showcase;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Records compare arrays by identity, so the tests compare {@link Everything} component by component. */
final class EverythingAssertions {

    private EverythingAssertions() {}

    static void assertSameContent(Everything actual, Everything expected) {
        assertThat(actual.i()).isEqualTo(expected.i());
        assertThat(actual.l()).isEqualTo(expected.l());
        assertThat(actual.s()).isEqualTo(expected.s());
        assertThat(actual.b()).isEqualTo(expected.b());
        assertThat(actual.c()).isEqualTo(expected.c());
        assertThat(actual.z()).isEqualTo(expected.z());
        assertThat(Float.floatToRawIntBits(actual.f())).isEqualTo(Float.floatToRawIntBits(expected.f()));
        assertThat(Double.doubleToRawLongBits(actual.d())).isEqualTo(Double.doubleToRawLongBits(expected.d()));
        assertThat(actual.boxedInt()).isEqualTo(expected.boxedInt());
        assertThat(actual.boxedLong()).isEqualTo(expected.boxedLong());
        assertThat(actual.boxedBool()).isEqualTo(expected.boxedBool());
        assertThat(actual.boxedDouble()).isEqualTo(expected.boxedDouble());
        assertThat(actual.text()).isEqualTo(expected.text());
        assertThat(actual.blob()).isEqualTo(expected.blob());
        assertThat(actual.floats()).usingExactEquality().containsExactly(expected.floats()).inOrder();
        assertThat(actual.doubles()).usingExactEquality().containsExactly(expected.doubles()).inOrder();
        assertThat(actual.ints()).isEqualTo(expected.ints());
        assertThat(actual.longs()).isEqualTo(expected.longs());
        assertThat(actual.flags()).isEqualTo(expected.flags());
        assertThat(actual.shorts()).isEqualTo(expected.shorts());
        assertThat(actual.chars()).isEqualTo(expected.chars());
        assertThat(actual.color()).isEqualTo(expected.color());
        assertThat(actual.palette()).containsExactlyElementsIn(expected.palette()).inOrder();
        assertThat(actual.shape()).isEqualTo(expected.shape());
        assertThat(actual.shapes()).containsExactlyElementsIn(expected.shapes()).inOrder();
        assertThat(actual.names()).containsExactlyElementsIn(expected.names()).inOrder();
        assertThat(actual.ids()).containsExactlyElementsIn(expected.ids()).inOrder();
        assertThat(actual.counters()).containsExactlyElementsIn(expected.counters()).inOrder();
        assertThat(actual.weights()).containsExactlyElementsIn(expected.weights()).inOrder();
        assertThat(hex(actual.chunks())).containsExactlyElementsIn(hex(expected.chunks())).inOrder();
        assertThat(actual.scores()).containsExactlyEntriesIn(expected.scores()); // protobuf maps have no order
        assertThat(actual.byId()).containsExactlyEntriesIn(expected.byId());
        assertThat(actual.origin()).isEqualTo(expected.origin());
        assertThat(actual.maybe()).isEqualTo(expected.maybe());
        assertThat(actual.tree()).isEqualTo(expected.tree());
    }

    private static List<String> hex(List<byte[]> chunks) {
        List<String> hex = new ArrayList<>();
        for (byte[] chunk : chunks) {
            hex.add(java.util.HexFormat.of().formatHex(chunk));
        }
        return hex;
    }
}
