package dev.trellis.samples.tagging.ocr;

import dev.trellis.runtime.onnx.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * A float tensor as a plain record, so that a model's input or output can travel between deployments
 * (the runtime's {@link Tensor} is a heap object for one process). Converting either way copies nothing.
 *
 * @param shape the dimensions, outermost first
 * @param data the elements in row-major order; as many as the shape holds
 */
public record FloatTensor(long[] shape, float[] data) {

    public FloatTensor {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("A shape has no negative dimensions: " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        if (count != data.length) {
            throw new IllegalArgumentException("A tensor of shape " + Arrays.toString(shape) + " has " + count
                    + " elements, but " + data.length + " were given");
        }
    }

    /** The elements of a float tensor a model returned. */
    public static FloatTensor of(Tensor tensor) {
        return new FloatTensor(tensor.shape(), tensor.floats());
    }

    /** The same elements as a runtime tensor, to run a model on. */
    public Tensor toTensor() {
        return Tensor.floats(shape, data);
    }

    /** Dimension {@code index} as an int, checked against the rank the caller expects. */
    public int dim(int index, int rank, String what) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(what + " must have " + rank + " dimensions, but its shape is "
                    + Arrays.toString(shape));
        }
        return Math.toIntExact(shape[index]);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
