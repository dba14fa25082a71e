package dev.trellis.runtime.grpc;

import dev.trellis.runtime.stats.Histogram;
import dev.trellis.runtime.stats.MethodFigures;
import dev.trellis.runtime.wire.WireCodec;
import dev.trellis.runtime.wire.WireFormatException;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import java.util.Map;

/**
 * The wire form of what a replica counted, inside its {@link LoadReport}:
 * {@code message Histogram { repeated sint64 counts = 1 [packed]; sint64 sum_nanos = 2; }} and
 * {@code message Method { string name = 1; Histogram processing = 2; Histogram queue_wait = 3;
 * sint64 ok = 4; sint64 failed = 5; sint64 timed_out = 6; sint64 cancelled = 7; sint64 refused = 8; }}.
 */
final class FiguresCodec {

    private FiguresCodec() {}

    static final WireCodec<Histogram> HISTOGRAM = new WireCodec<>() {
        @Override
        public void write(WireWriter out, Histogram histogram) {
            out.packedSInt64(1, histogram.counts());
            out.int64(2, histogram.sumNanos());
        }

        @Override
        public Histogram read(WireReader in) {
            long[] counts = Histogram.EMPTY.counts();
            long sum = 0;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireReader.fieldOf(tag)) {
                    case 1 -> {
                        in.expectWireType(tag, WireReader.LEN, "Histogram.counts");
                        counts = in.readPackedSInt64();
                    }
                    case 2 -> {
                        in.expectWireType(tag, WireReader.VARINT, "Histogram.sum_nanos");
                        sum = in.readInt64();
                    }
                    default -> in.skipField(tag);
                }
            }
            try {
                return new Histogram(counts, sum);
            } catch (IllegalArgumentException e) {
                throw new WireFormatException("a Histogram that does not fit: " + e.getMessage());
            }
        }
    };

    static final WireCodec<Map.Entry<String, MethodFigures>> METHOD = new WireCodec<>() {
        @Override
        public void write(WireWriter out, Map.Entry<String, MethodFigures> entry) {
            MethodFigures figures = entry.getValue();
            out.string(1, entry.getKey());
            out.message(2, figures.processing(), HISTOGRAM);
            out.message(3, figures.queueWait(), HISTOGRAM);
            out.int64(4, figures.ok());
            out.int64(5, figures.failed());
            out.int64(6, figures.timedOut());
            out.int64(7, figures.cancelled());
            out.int64(8, figures.refused());
        }

        @Override
        public Map.Entry<String, MethodFigures> read(WireReader in) {
            String name = null;
            Histogram processing = Histogram.EMPTY;
            Histogram queueWait = Histogram.EMPTY;
            long[] outcomes = new long[5];
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int field = WireReader.fieldOf(tag);
                switch (field) {
                    case 1 -> {
                        in.expectWireType(tag, WireReader.LEN, "Method.name");
                        name = in.readString();
                    }
                    case 2 -> {
                        in.expectWireType(tag, WireReader.LEN, "Method.processing");
                        processing = in.readMessage(HISTOGRAM);
                    }
                    case 3 -> {
                        in.expectWireType(tag, WireReader.LEN, "Method.queue_wait");
                        queueWait = in.readMessage(HISTOGRAM);
                    }
                    case 4, 5, 6, 7, 8 -> {
                        in.expectWireType(tag, WireReader.VARINT, "Method's outcome counts");
                        outcomes[field - 4] = in.readInt64();
                    }
                    default -> in.skipField(tag);
                }
            }
            if (name == null) {
                throw new WireFormatException("a Method's figures without its name");
            }
            return Map.entry(name, new MethodFigures(processing, queueWait, outcomes[0], outcomes[1], outcomes[4],
                    outcomes[2], outcomes[3]));
        }
    };
}
