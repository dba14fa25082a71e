package dev.trellis.runtime.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Small hand-written codecs, standing in for generated ones. */
final class TestMessages {

    private TestMessages() {}

    /** Writes whatever the lambda writes: builds test messages field by field. Write-only. */
    static final WireCodec<Consumer<WireWriter>> FIELDS = new WireCodec<>() {
        @Override
        public void write(WireWriter out, Consumer<WireWriter> fields) {
            fields.accept(out);
        }

        @Override
        public Consumer<WireWriter> read(WireReader in) {
            throw new UnsupportedOperationException("write-only");
        }
    };

    /** The encoding of the fields that {@code fields} writes. */
    static byte[] encode(Consumer<WireWriter> fields) {
        WireWriter out = new WireWriter();
        fields.accept(out);
        return out.toByteArray();
    }

    /**
     * Decodes a message with one field of every kind (numbers below) into a log line per field, the
     * way a generated codec would: it checks each known field's wire type and skips unknown fields.
     */
    static final class FieldLog implements WireCodec<List<String>> {

        static final FieldLog INSTANCE = new FieldLog();

        static List<String> decode(byte[] bytes) {
            return INSTANCE.read(new WireReader(bytes));
        }

        @Override
        public void write(WireWriter out, List<String> value) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public List<String> read(WireReader in) {
            List<String> log = new ArrayList<>();
            int tag;
            while ((tag = in.readTag()) != 0) {
                int field = WireReader.fieldOf(tag);
                String entry = switch (field) {
                    case 1 -> expect(in, tag, WireReader.VARINT) + in.readInt32();
                    case 2 -> expect(in, tag, WireReader.VARINT) + in.readInt64();
                    case 3 -> expect(in, tag, WireReader.VARINT) + in.readBool();
                    case 4 -> expect(in, tag, WireReader.VARINT) + in.readEnum();
                    case 5 -> expect(in, tag, WireReader.I32) + in.readFloat();
                    case 6 -> expect(in, tag, WireReader.I64) + in.readDouble();
                    case 7 -> expect(in, tag, WireReader.LEN) + in.readString();
                    case 8 -> expect(in, tag, WireReader.LEN) + Arrays.toString(in.readBytes());
                    case 9 -> expect(in, tag, WireReader.LEN) + Arrays.toString(in.readPackedFloats());
                    case 10 -> expect(in, tag, WireReader.LEN) + Arrays.toString(in.readPackedDoubles());
                    case 11 -> expect(in, tag, WireReader.LEN) + Arrays.toString(in.readPackedInts());
                    case 12 -> expect(in, tag, WireReader.LEN) + Arrays.toString(in.readPackedLongs());
                    case 13 -> expect(in, tag, WireReader.LEN) + Arrays.toString(in.readPackedBooleans());
                    case 14 -> expect(in, tag, WireReader.LEN) + Arrays.toString(in.readPackedShorts());
                    case 15 -> expect(in, tag, WireReader.LEN) + Arrays.toString(in.readPackedChars());
                    case 16 -> expect(in, tag, WireReader.LEN) + Arrays.toString(in.readPackedSInt32());
                    case 17 -> expect(in, tag, WireReader.LEN) + Arrays.toString(in.readPackedSInt64());
                    case 18 -> expect(in, tag, WireReader.LEN) + in.readMessage(this);
                    default -> {
                        in.skipField(tag);
                        yield field + ":skipped";
                    }
                };
                log.add(entry);
            }
            return log;
        }

        private static String expect(WireReader in, int tag, int wireType) {
            in.expectWireType(tag, wireType, "FieldLog");
            return WireReader.fieldOf(tag) + "=";
        }
    }

    /** A linked chain of messages, each nesting the next in field 1, for depth limits. */
    record Node(Node child) {

        static final WireCodec<Node> CODEC = new WireCodec<>() {
            @Override
            public void write(WireWriter out, Node node) {
                if (node.child() != null) {
                    out.message(1, node.child(), this);
                }
            }

            @Override
            public Node read(WireReader in) {
                Node child = null;
                int tag;
                while ((tag = in.readTag()) != 0) {
                    if (WireReader.fieldOf(tag) == 1) {
                        in.expectWireType(tag, WireReader.LEN, "Node");
                        child = in.readMessage(this);
                    } else {
                        in.skipField(tag);
                    }
                }
                return new Node(child);
            }
        };

        /** A node with {@code nested} levels of messages inside it. */
        static Node chain(int nested) {
            Node node = new Node(null);
            for (int i = 0; i < nested; i++) {
                node = new Node(node);
            }
            return node;
        }

        int nested() {
            return child == null ? 0 : 1 + child.nested();
        }
    }
}
