package dev.trellis.runtime.grpc;

import dev.trellis.runtime.stats.Histogram;
import dev.trellis.runtime.stats.MethodFigures;
import dev.trellis.runtime.stats.ReplicaFigures;
import dev.trellis.runtime.wire.WireCodec;
import dev.trellis.runtime.wire.WireFormatException;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a replica process tells its controller of its load, the answer of the control protocol's
 * {@code Report}: the calls it runs, the calls its routers hold for each deployment it calls, and the
 * batches each {@code @Batch} method ran, by size; and what it counted of its work, for the metrics.
 */
public record LoadReport(int ongoing, Map<String, Integer> queuedByDependency, Map<String, long[]> batchSizes,
        ReplicaFigures figures) {

    public LoadReport {
        queuedByDependency = Map.copyOf(queuedByDependency);
        batchSizes = Map.copyOf(batchSizes);
    }

    /**
     * {@code message LoadReport { sint32 ongoing = 1; repeated Queued queued = 2; repeated Batches batches = 3;
     * repeated Method methods = 4; Histogram model_loads = 5; sint32 models_held = 6; }},
     * {@code Queued { string deployment = 1; sint32 calls = 2; }}, {@code Batches { string method = 1;
     * repeated sint64 sizes = 2 [packed]; }}; {@code Method} and {@code Histogram} in {@link FiguresCodec}.
     */
    static final WireCodec<LoadReport> CODEC = new WireCodec<>() {
        @Override
        public void write(WireWriter out, LoadReport report) {
            out.int32(1, report.ongoing());
            report.queuedByDependency().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                    out.message(2, entry, QUEUED));
            report.batchSizes().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                    out.message(3, entry, BATCHES));
            ReplicaFigures figures = report.figures();
            figures.methods().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                    out.message(4, entry, FiguresCodec.METHOD));
            out.message(5, figures.modelLoads(), FiguresCodec.HISTOGRAM);
            out.int32(6, figures.modelsHeld());
        }

        @Override
        public LoadReport read(WireReader in) {
            int ongoing = 0;
            Map<String, Integer> queued = new LinkedHashMap<>();
            Map<String, long[]> batches = new LinkedHashMap<>();
            Map<String, MethodFigures> methods = new LinkedHashMap<>();
            Histogram modelLoads = Histogram.EMPTY;
            int modelsHeld = 0;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireReader.fieldOf(tag)) {
                    case 1 -> {
                        in.expectWireType(tag, WireReader.VARINT, "LoadReport.ongoing");
                        ongoing = in.readInt32();
                    }
                    case 2 -> {
                        in.expectWireType(tag, WireReader.LEN, "LoadReport.queued");
                        Map.Entry<String, Integer> entry = in.readMessage(QUEUED);
                        queued.put(entry.getKey(), entry.getValue());
                    }
                    case 3 -> {
                        in.expectWireType(tag, WireReader.LEN, "LoadReport.batches");
                        Map.Entry<String, long[]> entry = in.readMessage(BATCHES);
                        batches.put(entry.getKey(), entry.getValue());
                    }
                    case 4 -> {
                        in.expectWireType(tag, WireReader.LEN, "LoadReport.methods");
                        Map.Entry<String, MethodFigures> entry = in.readMessage(FiguresCodec.METHOD);
                        methods.put(entry.getKey(), entry.getValue());
                    }
                    case 5 -> {
                        in.expectWireType(tag, WireReader.LEN, "LoadReport.model_loads");
                        modelLoads = in.readMessage(FiguresCodec.HISTOGRAM);
                    }
                    case 6 -> {
                        in.expectWireType(tag, WireReader.VARINT, "LoadReport.models_held");
                        modelsHeld = in.readInt32();
                    }
                    default -> in.skipField(tag);
                }
            }
            return new LoadReport(ongoing, queued, batches, new ReplicaFigures(methods, modelLoads, modelsHeld));
        }
    };

    private static final WireCodec<Map.Entry<String, Integer>> QUEUED = new WireCodec<>() {
        @Override
        public void write(WireWriter out, Map.Entry<String, Integer> entry) {
            out.string(1, entry.getKey());
            out.int32(2, entry.getValue());
        }

        @Override
        public Map.Entry<String, Integer> read(WireReader in) {
            String deployment = null;
            int calls = 0;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireReader.fieldOf(tag)) {
                    case 1 -> {
                        in.expectWireType(tag, WireReader.LEN, "Queued.deployment");
                        deployment = in.readString();
                    }
                    case 2 -> {
                        in.expectWireType(tag, WireReader.VARINT, "Queued.calls");
                        calls = in.readInt32();
                    }
                    default -> in.skipField(tag);
                }
            }
            if (deployment == null) {
                throw new WireFormatException("a Queued entry without its deployment");
            }
            return Map.entry(deployment, calls);
        }
    };

    private static final WireCodec<Map.Entry<String, long[]>> BATCHES = new WireCodec<>() {
        @Override
        public void write(WireWriter out, Map.Entry<String, long[]> entry) {
            out.string(1, entry.getKey());
            out.packedSInt64(2, entry.getValue());
        }

        @Override
        public Map.Entry<String, long[]> read(WireReader in) {
            String method = null;
            long[] sizes = new long[0];
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireReader.fieldOf(tag)) {
                    case 1 -> {
                        in.expectWireType(tag, WireReader.LEN, "Batches.method");
                        method = in.readString();
                    }
                    case 2 -> {
                        in.expectWireType(tag, WireReader.LEN, "Batches.sizes");
                        sizes = in.readPackedSInt64();
                    }
                    default -> in.skipField(tag);
                }
            }
            if (method == null) {
                throw new WireFormatException("a Batches entry without its method");
            }
            return Map.entry(method, sizes);
        }
    };
}
