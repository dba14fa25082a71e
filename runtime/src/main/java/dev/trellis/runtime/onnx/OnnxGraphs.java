package dev.trellis.runtime.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Small ONNX models written in code, for tests and benchmarks that need a real model but no model file:
 * the ONNX {@code ModelProto} encoded field by field (onnx.proto3: ModelProto, GraphProto, NodeProto,
 * TensorProto, ValueInfoProto, TypeProto). ONNX uses plain {@code int64} varints, not the zigzag ones
 * Trellis's own wire format writes, hence the few lines of protobuf below.
 */
public final class OnnxGraphs {

    private static final int FLOAT = 1; // TensorProto.DataType

    private OnnxGraphs() {}

    /**
     * A classifier: {@code y = Softmax(x · W + b)}, {@code x} float {@code [batch, 4]}, {@code y} float
     * {@code [batch, 3]}. {@code W} is the 3×3 identity over a row of ones and {@code b} is
     * {@code [0.5, -0.5, 0]}, so results can be checked by hand.
     */
    public static byte[] matMulAddSoftmax() {
        float[] weights = {
            1, 0, 0,
            0, 1, 0,
            0, 0, 1,
            1, 1, 1,
        };
        float[] bias = {0.5f, -0.5f, 0};
        return model(graph("classifier",
                List.of(node("MatMul", List.of("x", "W"), "xw"), node("Add", List.of("xw", "b"), "logits"),
                        softmax("logits", "y")),
                List.of(floatTensor("W", new long[] {4, 3}, weights), floatTensor("b", new long[] {3}, bias)),
                valueInfo("x", FLOAT, "batch", 4), valueInfo("y", FLOAT, "batch", 3)));
    }

    /**
     * A two-layer perceptron: {@code y = Softmax(Relu(x · W1 + b1) · W2 + b2)}, {@code x} float
     * {@code [batch, inputs]}, {@code y} float {@code [batch, outputs]}, with weights drawn from
     * {@code seed}: enough arithmetic per row for a benchmark to measure the model, not the plumbing.
     */
    public static byte[] mlp(int inputs, int hidden, int outputs, long seed) {
        java.util.Random random = new java.util.Random(seed);
        return model(graph("mlp",
                List.of(node("MatMul", List.of("x", "W1"), "h0"), node("Add", List.of("h0", "b1"), "h1"),
                        node("Relu", List.of("h1"), "h2"), node("MatMul", List.of("h2", "W2"), "h3"),
                        node("Add", List.of("h3", "b2"), "logits"), softmax("logits", "y")),
                List.of(floatTensor("W1", new long[] {inputs, hidden}, weights(random, inputs * hidden, inputs)),
                        floatTensor("b1", new long[] {hidden}, weights(random, hidden, hidden)),
                        floatTensor("W2", new long[] {hidden, outputs}, weights(random, hidden * outputs, hidden)),
                        floatTensor("b2", new long[] {outputs}, weights(random, outputs, outputs))),
                valueInfo("x", FLOAT, "batch", inputs), valueInfo("y", FLOAT, "batch", outputs)));
    }

    private static float[] weights(java.util.Random random, int count, int fanIn) {
        float[] weights = new float[count];
        double scale = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < count; i++) {
            weights[i] = (float) (random.nextGaussian() * scale);
        }
        return weights;
    }

    private static byte[] model(byte[] graph) {
        return message(out -> {
            out.int64(1, 8); // ir_version
            out.bytes(8, (message(opset -> opset.int64(2, 13)))); // opset 13
            out.bytes(7, (graph));
        });
    }

    private static byte[] graph(String name, List<byte[]> nodes, List<byte[]> initializers, byte[] input,
            byte[] output) {
        return message(out -> {
            for (byte[] node : nodes) {
                out.bytes(1, (node));
            }
            out.string(2, name);
            for (byte[] initializer : initializers) {
                out.bytes(5, (initializer));
            }
            out.bytes(11, (input));
            out.bytes(12, (output));
        });
    }

    private static byte[] node(String op, List<String> inputs, String output) {
        return message(out -> {
            for (String input : inputs) {
                out.string(1, input);
            }
            out.string(2, output);
            out.string(4, op);
        });
    }

    private static byte[] softmax(String input, String output) {
        byte[] axis = message(attribute -> {
            attribute.string(1, "axis");
            attribute.int64(3, -1); // i
            attribute.int32(20, 2); // type INT
        });
        return message(out -> {
            out.string(1, input);
            out.string(2, output);
            out.string(4, "Softmax");
            out.bytes(5, (axis));
        });
    }

    private static byte[] floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            raw.putFloat(value);
        }
        return message(out -> {
            for (long dim : dims) {
                out.int64(1, dim);
            }
            out.int32(2, FLOAT);
            out.string(8, name);
            out.bytes(9, (raw.array()));
        });
    }

    /** A tensor input or output: {@code dims} are numbers, or names for dimensions of any size. */
    private static byte[] valueInfo(String name, int elementType, Object... dims) {
        byte[] shape = message(out -> {
            for (Object dim : dims) {
                out.bytes(1, (message(d -> {
                    if (dim instanceof Number size) {
                        d.int64(1, size.longValue());
                    } else {
                        d.string(2, dim.toString());
                    }
                })));
            }
        });
        byte[] tensorType = message(out -> {
            out.int32(1, elementType);
            out.bytes(2, (shape));
        });
        byte[] type = message(out -> out.bytes(1, (tensorType)));
        return message(out -> {
            out.string(1, name);
            out.bytes(2, (type));
        });
    }

    private interface Fields {
        void write(Protobuf out);
    }

    private static byte[] message(Fields fields) {
        Protobuf out = new Protobuf();
        fields.write(out);
        return out.bytes.toByteArray();
    }

    /** The protobuf encoding of the fields the models above use. */
    private static final class Protobuf {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void int64(int field, long value) {
            varint(field << 3);
            varint(value);
        }

        void int32(int field, int value) {
            int64(field, value);
        }

        void string(int field, String value) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(int field, byte[] value) {
            varint(field << 3 | 2);
            varint(value.length);
            bytes.writeBytes(value);
        }

        private void varint(long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                bytes.write((int) (rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            bytes.write((int) rest);
        }
    }
}
