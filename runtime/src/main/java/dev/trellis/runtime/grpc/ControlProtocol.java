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
 *   rpc SetLimits(Limits) returns (Empty);        // its deployment's new limits: its own router takes them
 *   rpc Reconfigure(Config) returns (Empty);      // a new configuration for its @Reconfigure method;
 *                                                 // FAILED_PRECONDITION with the problem if it did not take it
 * }
 * message Limits { sint32 max_ongoing_requests = 1; sint32 max_queued_requests = 2; }
 * message Config { string json = 1; }            // the configuration map as a JSON object
 * message SetMembers {
 *   string deployment = 1; repeated Member members = 2;
 *   sint32 canary_basis_points = 3;  // the canary's share of the calls, in hundredths of a percent
 *   repeated string canaries = 4;    // the ids of the canary's replicas, members or still on their way
 *   Limits limits = 5;               // the deployment's limits now, which its callers' routers take
 * }
 * }</pre>
 */
public final class ControlProtocol {

    static final String SERVICE = "trellis.control.Replica";

    static final MethodDescriptor<byte[], byte[]> SET_MEMBERS = unary("SetMembers");
    static final MethodDescriptor<byte[], byte[]> CHECK = unary("Check");
    static final MethodDescriptor<byte[], byte[]> REPORT = unary("Report");
    static final MethodDescriptor<byte[], byte[]> SET_LIMITS = unary("SetLimits");
    static final MethodDescriptor<byte[], byte[]> RECONFIGURE = unary("Reconfigure");

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
     * The members of one deployment, and how its calls split between its canary's and its own.
     *
     * @param deployment the deployment they run
     * @param members its replicas that take calls, in order
     * @param canaries the ids of its canary's replicas
     * @param canaryBasisPoints the canary's share of the calls, from 0 to 10000 (hundredths of a percent)
     * @param limits the deployment's limits now, if the announcement carries them
     */
    public record SetMembers(String deployment, List<Member> members, java.util.Set<String> canaries,
            int canaryBasisPoints, java.util.Optional<Limits> limits) {

        public SetMembers {
            members = List.copyOf(members);
            canaries = java.util.Set.copyOf(canaries);
            java.util.Objects.requireNonNull(limits, "limits");
            if (canaryBasisPoints < 0 || canaryBasisPoints > 10_000) {
                throw new IllegalArgumentException("canaryBasisPoints must be from 0 to 10000, was " + canaryBasisPoints);
            }
        }

        /** The members of a deployment without a canary. */
        public SetMembers(String deployment, List<Member> members) {
            this(deployment, members, java.util.Set.of(), 0, java.util.Optional.empty());
        }

        /** The canary's share in percent. */
        public double canaryPercent() {
            return canaryBasisPoints / 100.0;
        }

        byte[] encode() {
            WireWriter out = new WireWriter();
            out.string(1, deployment);
            members.forEach(member -> out.message(2, member, Member.CODEC));
            out.int32(3, canaryBasisPoints);
            canaries.stream().sorted().forEach(id -> out.string(4, id));
            limits.ifPresent(set -> out.message(5, set, Limits.CODEC));
            return out.toByteArray();
        }

        /** @throws dev.trellis.runtime.wire.WireFormatException if the bytes are not such a message */
        static SetMembers decode(byte[] bytes) {
            WireReader in = new WireReader(bytes);
            String deployment = null;
            List<Member> members = new ArrayList<>();
            java.util.Set<String> canaries = new java.util.HashSet<>();
            int canaryBasisPoints = 0;
            Limits limits = null;
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
                    case 3 -> {
                        in.expectWireType(tag, WireReader.VARINT, "SetMembers.canary_basis_points");
                        canaryBasisPoints = in.readInt32();
                    }
                    case 4 -> {
                        in.expectWireType(tag, WireReader.LEN, "SetMembers.canaries");
                        canaries.add(in.readString());
                    }
                    case 5 -> {
                        in.expectWireType(tag, WireReader.LEN, "SetMembers.limits");
                        limits = in.readMessage(Limits.CODEC);
                    }
                    default -> in.skipField(tag);
                }
            }
            if (deployment == null || deployment.isEmpty()) {
                throw new dev.trellis.runtime.wire.WireFormatException("SetMembers names no deployment");
            }
            if (canaryBasisPoints < 0 || canaryBasisPoints > 10_000) {
                throw new dev.trellis.runtime.wire.WireFormatException("SetMembers gives the canary " + canaryBasisPoints
                        + " basis points, not 0 to 10000");
            }
            return new SetMembers(deployment, members, canaries, canaryBasisPoints, java.util.Optional.ofNullable(limits));
        }
    }

    /**
     * A deployment's concurrency limits.
     *
     * @param maxOngoingRequests calls one replica runs at once, at least 1
     * @param maxQueuedRequests calls that may wait for a replica; -1 for no limit
     */
    public record Limits(int maxOngoingRequests, int maxQueuedRequests) {

        public Limits {
            if (maxOngoingRequests < 1 || maxQueuedRequests < -1) {
                throw new IllegalArgumentException("not limits: maxOngoingRequests " + maxOngoingRequests
                        + ", maxQueuedRequests " + maxQueuedRequests);
            }
        }

        static final WireCodec<Limits> CODEC = new WireCodec<>() {
            @Override
            public void write(WireWriter out, Limits limits) {
                out.int32(1, limits.maxOngoingRequests());
                out.int32(2, limits.maxQueuedRequests());
            }

            @Override
            public Limits read(WireReader in) {
                int ongoing = 0;
                int queued = 0;
                for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                    switch (WireReader.fieldOf(tag)) {
                        case 1 -> {
                            in.expectWireType(tag, WireReader.VARINT, "Limits.max_ongoing_requests");
                            ongoing = in.readInt32();
                        }
                        case 2 -> {
                            in.expectWireType(tag, WireReader.VARINT, "Limits.max_queued_requests");
                            queued = in.readInt32();
                        }
                        default -> in.skipField(tag);
                    }
                }
                try {
                    return new Limits(ongoing, queued);
                } catch (IllegalArgumentException e) {
                    throw new dev.trellis.runtime.wire.WireFormatException(e.getMessage());
                }
            }
        };

        byte[] encode() {
            return ControlProtocol.encode(CODEC, this);
        }

        static Limits decode(byte[] bytes) {
            return CODEC.read(new WireReader(bytes));
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper CONFIG_JSON = new com.fasterxml.jackson.databind
            .ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);

    /** {@code message Config { string json = 1; }}: a configuration map (plain values, as a YAML file gives them). */
    static byte[] encodeConfig(java.util.Map<String, Object> config) {
        WireWriter out = new WireWriter();
        try {
            out.string(1, CONFIG_JSON.writeValueAsString(config));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a configuration of plain values: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** @throws dev.trellis.runtime.wire.WireFormatException if the bytes are not a configuration */
    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> decodeConfig(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        String json = "{}";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireReader.fieldOf(tag) == 1) {
                in.expectWireType(tag, WireReader.LEN, "Config.json");
                json = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        try {
            java.util.Map<String, Object> config = CONFIG_JSON.readValue(json, java.util.LinkedHashMap.class);
            if (config == null) {
                throw new dev.trellis.runtime.wire.WireFormatException("Config.json is null, not a JSON object");
            }
            return config;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new dev.trellis.runtime.wire.WireFormatException("Config.json is not a JSON object: "
                    + e.getOriginalMessage());
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
