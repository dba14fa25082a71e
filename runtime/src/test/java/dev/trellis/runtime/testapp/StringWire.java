package dev.trellis.runtime.testapp;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.graph.DeploymentWire;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import java.util.List;

/**
 * The wire of hand-written test graphs that run across processes: each method takes one string and
 * returns one, as field 1 of its message, as the processor would generate it for such methods.
 */
public record StringWire(List<DeploymentMethod<?>> methods) implements DeploymentWire {

    public StringWire {
        methods = List.copyOf(methods);
    }

    public static StringWire of(DeploymentMethod<?>... methods) {
        return new StringWire(List.of(methods));
    }

    @Override
    public byte[] encodeRequest(int method, Object[] args) {
        return encode((String) args[0]);
    }

    @Override
    public Object[] decodeRequest(int method, byte[] bytes) {
        return new Object[] {decode(bytes)};
    }

    @Override
    public byte[] encodeResponse(int method, Object result) {
        return encode((String) result);
    }

    @Override
    public Object decodeResponse(int method, byte[] bytes) {
        return decode(bytes);
    }

    private static byte[] encode(String text) {
        WireWriter out = new WireWriter();
        if (text != null) {
            out.string(1, text);
        }
        return out.toByteArray();
    }

    private static String decode(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        String text = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            in.expectWireType(tag, WireReader.LEN, "a string message");
            text = in.readString();
        }
        return text;
    }
}
