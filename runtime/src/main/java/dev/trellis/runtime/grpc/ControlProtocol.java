package dev.trellis.runtime.grpc;

import dev.trellis.runtime.wire.WireCodec;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import io.grpc.MethodDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller's line into a replica process, on the same protobuf wire format as calls:
 *
 * <pre>{@code
 * service trellis.control.Replica {
 *   rpc SetMembers(SetMembers) returns (Empty);   // the replicas of a deployment it calls are now these
 *   rpc Check(Empty) returns (Empty);             // its health check; UNAVAILABLE with the problem if unhealthy
 *   rpc Report(Empty) returns (LoadReport);       // its load, for the autoscaler and the metrics
 * }
 * message SetMembers { string deployment = 1; repeated Member members = 2; }
 * }</pre>
 */
public final class ControlProtocol {

    static final String SERVICE = "trellis.control.Replica";

    static final MethodDescriptor<byte[], byte[]> SET_MEMBERS = unary("SetMembers");
    static final MethodDescriptor<byte[], byte[]> CHECK = unary("Check");
    static final MethodDescriptor<byte[], byte[]> REPORT = unary("Report");

    private ControlProtocol() {}

    private static MethodDescriptor<byte[], byte[]> unary(String name) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(BytesMarshaller.INSTANCE)
                .setResponseMarshaller(BytesMarshaller.INSTANCE)
                .build();
    }

    /**
     * The members of one deployment.
     *
     * @param deployment the deployment they run
     * @param members its replicas that take calls, in order
     */
    public record SetMembers(String deployment, List<Member> members) {

        public SetMembers {
            members = List.copyOf(members);
        }

        byte[] encode() {
            WireWriter out = new WireWriter();
            out.string(1, deployment);
            members.forEach(member -> out.message(2, member, Member.CODEC));
            return out.toByteArray();
        }

        /** @throws dev.trellis.runtime.wire.WireFormatException if the bytes are not such a message */
        static SetMembers decode(byte[] bytes) {
            WireReader in = new WireReader(bytes);
            String deployment = null;
            List<Member> members = new ArrayList<>();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireReader.fieldOf(tag)) {
                    case 1 -> {
                        in.expectWireType(tag, WireReader.LEN, "SetMembers.deployment");
                        deployment = in.readString();
                    }
                    case 2 -> {
                        in.expectWireType(tag, WireReader.LEN, "SetMembers.members");
                        members.add(in.readMessage(Member.CODEC));
                    }
                    default -> in.skipField(tag);
                }
            }
            if (deployment == null || deployment.isEmpty()) {
                throw new dev.trellis.runtime.wire.WireFormatException("SetMembers names no deployment");
            }
            return new SetMembers(deployment, members);
        }
    }

    static byte[] encode(LoadReport report) {
        WireWriter out = new WireWriter();
        LoadReport.CODEC.write(out, report);
        return out.toByteArray();
    }

    static LoadReport decodeReport(byte[] bytes) {
        return LoadReport.CODEC.read(new WireReader(bytes));
    }

    static <T> byte[] encode(WireCodec<T> codec, T value) {
        WireWriter out = new WireWriter();
        codec.write(out, value);
        return out.toByteArray();
    }
}
