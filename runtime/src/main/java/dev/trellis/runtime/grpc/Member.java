package dev.trellis.runtime.grpc;

import dev.trellis.runtime.wire.WireCodec;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;

/**
 * One replica in another process as its callers are told of it: its identity and where its gRPC server
 * listens. A field of the control protocol's {@code SetMembers} message.
 *
 * @param id the replica's identity, unique in the application
 * @param host where it listens
 * @param port its port
 */
public record Member(String id, String host, int port) {

    public Member {
        if (id == null || id.isEmpty() || host == null || host.isEmpty()) {
            throw new IllegalArgumentException("a member has an id and a host: " + id + ", " + host);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }

    /** {@code message Member { string id = 1; string host = 2; sint32 port = 3; }} */
    static final WireCodec<Member> CODEC = new WireCodec<>() {
        @Override
        public void write(WireWriter out, Member member) {
            out.string(1, member.id());
            out.string(2, member.host());
            out.int32(3, member.port());
        }

        @Override
        public Member read(WireReader in) {
            String id = "";
            String host = "";
            int port = 0;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireReader.fieldOf(tag)) {
                    case 1 -> {
                        in.expectWireType(tag, WireReader.LEN, "Member.id");
                        id = in.readString();
                    }
                    case 2 -> {
                        in.expectWireType(tag, WireReader.LEN, "Member.host");
                        host = in.readString();
                    }
                    case 3 -> {
                        in.expectWireType(tag, WireReader.VARINT, "Member.port");
                        port = in.readInt32();
                    }
                    default -> in.skipField(tag);
                }
            }
            try {
                return new Member(id, host, port);
            } catch (IllegalArgumentException e) {
                throw new dev.trellis.runtime.wire.WireFormatException("not a member: " + e.getMessage());
            }
        }
    };
}
