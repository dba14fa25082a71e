package dev.trellis.runtime.grpc;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.graph.DeploymentWire;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import java.util.List;

/** What the processor would generate for {@link Echo}: one string in, a string or bytes out. */
final class EchoWire implements DeploymentWire {

    @Override
    public List<DeploymentMethod<?>> methods() {
        return List.of(Echo.ECHO, Echo.BLOB, Echo.FAIL, Echo.REFUSE, Echo.HOLD, Echo.SPELL, Echo.TICK, Echo.BREAK);
    }

    @Override
    public byte[] encodeRequest(int method, Object[] args) {
        WireWriter out = new WireWriter();
        if (args[0] != null) {
            out.string(1, (String) args[0]);
        }
        return out.toByteArray();
    }

    @Override
    public Object[] decodeRequest(int method, byte[] bytes) {
        WireReader in = new WireReader(bytes);
        String text = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireReader.fieldOf(tag) == 1) {
                in.expectWireType(tag, WireReader.LEN, "Echo request");
                text = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return new Object[] {text};
    }

    @Override
    public byte[] encodeResponse(int method, Object result) {
        WireWriter out = new WireWriter();
        if (result instanceof byte[] bytes) {
            out.bytes(1, bytes);
        } else if (result != null) {
            out.string(1, (String) result);
        }
        return out.toByteArray();
    }

    @Override
    public Object decodeResponse(int method, byte[] bytes) {
        WireReader in = new WireReader(bytes);
        Object value = method == Echo.BLOB.index() ? new byte[0] : null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            in.expectWireType(tag, WireReader.LEN, "Echo response");
            value = method == Echo.BLOB.index() ? in.readBytes() : in.readString();
        }
        return value;
    }
}
