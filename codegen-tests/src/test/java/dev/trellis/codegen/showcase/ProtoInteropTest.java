package dev.trellis.codegen.showcase;

import static com.google.common.truth.Truth.assertThat;
import static dev.trellis.codegen.showcase.EverythingAssertions.assertSameContent;
import static dev.trellis.codegen.showcase.WireCodecRoundTripTest.decode;
import static dev.trellis.codegen.showcase.WireCodecRoundTripTest.encode;

import com.google.protobuf.ByteString;
import java.util.List;
import org.junit.jupiter.api.Test;
import trellis.showcase.Showcase;

/**
 * The showcase's generated {@code showcase.proto}, compiled by protoc into protobuf-java classes during
 * the build, reads what Trellis writes and writes what Trellis reads: any gRPC client in any language
 * can call a Trellis deployment.
 */
class ProtoInteropTest {

    @Test
    void protobufJavaReadsTrellisBytes() throws Exception {
        Everything full = Samples.full();
        Showcase.Everything parsed = Showcase.Everything.parseFrom(encode(EverythingWireCodec.INSTANCE, full));

        assertThat(parsed.getI()).isEqualTo(-42);
        assertThat(parsed.getL()).isEqualTo(Long.MIN_VALUE);
        assertThat(parsed.getS()).isEqualTo(-300);
        assertThat(parsed.getC()).isEqualTo('é');
        assertThat(parsed.getZ()).isTrue();
        assertThat(parsed.getF()).isEqualTo(3.25f);
        assertThat(parsed.hasBoxedInt()).isTrue();
        assertThat(parsed.getBoxedInt()).isEqualTo(0);
        assertThat(parsed.getBoxedBool()).isFalse();
        assertThat(parsed.getText()).isEqualTo("héllo wörld 😀");
        assertThat(parsed.getBlob()).isEqualTo(ByteString.copyFrom(new byte[] {0, -1, 2}));
        assertThat(parsed.getFloatsList()).containsExactly(1.5f, -0f, Float.MAX_VALUE).inOrder();
        assertThat(parsed.getIntsList()).containsExactly(Integer.MIN_VALUE, 0, 5).inOrder();
        assertThat(parsed.getLongsList()).containsExactly(Long.MAX_VALUE, -1L).inOrder();
        assertThat(parsed.getShortsList()).containsExactly((int) Short.MIN_VALUE, 9).inOrder();
        assertThat(parsed.getCharsList()).containsExactly((int) 'a', 0xffff).inOrder();
        assertThat(parsed.getColor()).isEqualTo(Showcase.Color.COLOR_BLUE);
        assertThat(parsed.getPaletteList()).containsExactly(
                Showcase.Color.COLOR_GREEN, Showcase.Color.COLOR_RED, Showcase.Color.COLOR_GREEN).inOrder();
        assertThat(parsed.getShape().getCircle().getRadius()).isEqualTo(2.0);
        assertThat(parsed.getShapes(0).getPolygon().getLabel()).isEqualTo("tri");
        assertThat(parsed.getShapes(1).getPolygon().hasLabel()).isFalse();
        assertThat(parsed.getNamesList()).containsExactly("x", "", "z").inOrder();
        assertThat(parsed.getIdsList()).containsExactly(3, -1, 1000).inOrder();
        assertThat(parsed.getScoresMap()).containsExactly("a", 1.5, "", -0.25);
        assertThat(parsed.getByIdMap().get(-3).getX()).isEqualTo(-1f);
        assertThat(parsed.getOrigin().getY()).isEqualTo(5f);
        assertThat(parsed.hasMaybe()).isTrue();
        assertThat(parsed.getTree().getChildren(1).hasName()).isFalse();
        assertThat(parsed.getTree().getChildren(1).getChildren(0).getName()).isEqualTo("deep");
    }

    @Test
    void trellisReadsWhatProtobufJavaWritesBack() throws Exception {
        Everything full = Samples.full();
        byte[] rewritten = Showcase.Everything.parseFrom(encode(EverythingWireCodec.INSTANCE, full)).toByteArray();

        assertSameContent(decode(EverythingWireCodec.INSTANCE, rewritten), full);
    }

    @Test
    void trellisReadsAMessageBuiltWithProtobufJava() {
        Showcase.Everything built = Showcase.Everything.newBuilder()
                .setI(7)
                .setText("from protobuf")
                .addAllDoubles(List.of(1.0, 2.0))
                .setColor(Showcase.Color.COLOR_GREEN)
                .setShape(Showcase.Shape.newBuilder().setPolygon(Showcase.Shape_Polygon.newBuilder()
                        .addPoints(Showcase.Point.newBuilder().setX(1).setY(2))))
                .putScores("k", 0.5)
                .setMaybe(-1)
                .build();

        Everything decoded = decode(EverythingWireCodec.INSTANCE, built.toByteArray());

        assertThat(decoded.i()).isEqualTo(7);
        assertThat(decoded.text()).isEqualTo("from protobuf");
        assertThat(decoded.doubles()).usingExactEquality().containsExactly(1.0, 2.0).inOrder();
        assertThat(decoded.color()).isEqualTo(Color.GREEN);
        assertThat(decoded.shape()).isEqualTo(new Shape.Polygon(List.of(new Point(1, 2)), java.util.Optional.empty()));
        assertThat(decoded.scores()).containsExactly("k", 0.5);
        assertThat(decoded.maybe()).hasValue(-1);
        assertThat(decoded.boxedInt()).isNull();
    }

    @Test
    void requestMessagesOfADeploymentMatchTheProto() throws Exception {
        EchoWire wire = new EchoWire();
        byte[] request = wire.encodeRequest(EchoHandle.ADD_INT_INT.index(), new Object[] {-2, 40});
        Showcase.Echo_AddIntIntRequest parsed = Showcase.Echo_AddIntIntRequest.parseFrom(request);
        assertThat(parsed.getA()).isEqualTo(-2);
        assertThat(parsed.getB()).isEqualTo(40);

        byte[] response = Showcase.Echo_AddIntIntResponse.newBuilder().setValue(38).build().toByteArray();
        assertThat(wire.decodeResponse(EchoHandle.ADD_INT_INT.index(), response)).isEqualTo(38);
    }
}
