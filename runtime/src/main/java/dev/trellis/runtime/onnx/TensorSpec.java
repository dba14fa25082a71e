package dev.trellis.runtime.onnx;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a model expects of one input or gives as one output: a name, an element type and a shape whose
 * dimensions of any size are -1 (and may have a symbolic name, such as {@code batch}).
 */
public final class TensorSpec {

    private final String name;
    private final String typeName;
    private final ElementType type; // null: a type the helpers do not carry
    private final long[] shape;
    private final String[] dimensionNames;

    TensorSpec(String name, String typeName, ElementType type, long[] shape, String[] dimensionNames) {
        this.name = name;
        this.typeName = typeName;
        this.type = type;
        this.shape = shape.clone();
        this.dimensionNames = dimensionNames.clone();
    }

    public String name() {
        return name;
    }

    /** Its element type, if {@link Tensor} carries it. */
    public Optional<ElementType> type() {
        return Optional.ofNullable(type);
    }

    /** The shape, -1 for a dimension of any size; a copy. */
    public long[] shape() {
        return shape.clone();
    }

    /** Why {@code tensor} does not fit, or empty if it does. */
    Optional<String> mismatch(Tensor tensor) {
        if (type != tensor.type()) {
            return Optional.of("its element type is " + tensor.type());
        }
        long[] given = tensor.shape();
        if (given.length != shape.length) {
            return Optional.of("its shape " + Arrays.toString(given) + " has " + given.length + " dimensions");
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0 && given[i] != shape[i]) {
                return Optional.of("its shape " + Arrays.toString(given) + " has " + given[i] + " in dimension " + i);
            }
        }
        return Optional.empty();
    }

    /** The shape with each dimension of any size set to {@code size}: a warm-up input. */
    long[] concrete(long size) {
        long[] concrete = shape.clone();
        for (int i = 0; i < concrete.length; i++) {
            if (concrete[i] < 0) {
                concrete[i] = size;
            }
        }
        return concrete;
    }

    /** {@code x float32 [batch, 3, 48, -1]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name).append(' ').append(typeName).append(" [");
        for (int i = 0; i < shape.length; i++) {
            text.append(i > 0 ? ", " : "");
            boolean named = i < dimensionNames.length && dimensionNames[i] != null && !dimensionNames[i].isEmpty();
            text.append(shape[i] >= 0 ? Long.toString(shape[i]) : named ? dimensionNames[i] : "-1");
        }
        return text.append(']').toString();
    }
}
