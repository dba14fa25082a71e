package dev.trellis.runtime.onnx;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor on the Java heap: an element type, a shape and the elements in row-major order, in a
 * primitive array of that type. The elements are not copied, for speed with large inputs: a caller hands
 * over an array it no longer changes, and does not change the arrays it gets.
 */
public final class Tensor {

    private final ElementType type;
    private final long[] shape;
    private final Object data;

    private Tensor(ElementType type, long[] shape, Object data, int length) {
        this.type = type;
        this.shape = shape.clone();
        this.data = data;
        long expected = elementCount(this.shape);
        if (expected != length) {
            throw new IllegalArgumentException("A " + type + " tensor of shape " + Arrays.toString(shape) + " has "
                    + expected + " elements, but " + length + " were given");
        }
    }

    public static Tensor floats(long[] shape, float[] data) {
        return new Tensor(ElementType.FLOAT32, shape, Objects.requireNonNull(data, "data"), data.length);
    }

    public static Tensor doubles(long[] shape, double[] data) {
        return new Tensor(ElementType.FLOAT64, shape, Objects.requireNonNull(data, "data"), data.length);
    }

    public static Tensor longs(long[] shape, long[] data) {
        return new Tensor(ElementType.INT64, shape, Objects.requireNonNull(data, "data"), data.length);
    }

    public static Tensor ints(long[] shape, int[] data) {
        return new Tensor(ElementType.INT32, shape, Objects.requireNonNull(data, "data"), data.length);
    }

    /** Signed bytes, ONNX {@code int8}. */
    public static Tensor int8s(long[] shape, byte[] data) {
        return new Tensor(ElementType.INT8, shape, Objects.requireNonNull(data, "data"), data.length);
    }

    /** Unsigned bytes, ONNX {@code uint8} (image pixels): {@code (byte) 255} is 255. */
    public static Tensor uint8s(long[] shape, byte[] data) {
        return new Tensor(ElementType.UINT8, shape, Objects.requireNonNull(data, "data"), data.length);
    }

    public static Tensor booleans(long[] shape, boolean[] data) {
        return new Tensor(ElementType.BOOL, shape, Objects.requireNonNull(data, "data"), data.length);
    }

    /** A tensor of {@code type} and {@code shape} filled with zeros (false), for warm-up runs. */
    public static Tensor zeros(ElementType type, long[] shape) {
        int count = Math.toIntExact(elementCount(shape));
        return switch (type) {
            case FLOAT32 -> floats(shape, new float[count]);
            case FLOAT64 -> doubles(shape, new double[count]);
            case INT64 -> longs(shape, new long[count]);
            case INT32 -> ints(shape, new int[count]);
            case INT8 -> int8s(shape, new byte[count]);
            case UINT8 -> uint8s(shape, new byte[count]);
            case BOOL -> booleans(shape, new boolean[count]);
        };
    }

    public ElementType type() {
        return type;
    }

    /** The shape; a copy. */
    public long[] shape() {
        return shape.clone();
    }

    /** How many elements it holds. */
    public long size() {
        return elementCount(shape);
    }

    public float[] floats() {
        return (float[]) as(ElementType.FLOAT32);
    }

    public double[] doubles() {
        return (double[]) as(ElementType.FLOAT64);
    }

    public long[] longs() {
        return (long[]) as(ElementType.INT64);
    }

    public int[] ints() {
        return (int[]) as(ElementType.INT32);
    }

    /** The elements of an {@code int8} or {@code uint8} tensor. */
    public byte[] bytes() {
        if (type != ElementType.INT8 && type != ElementType.UINT8) {
            throw new IllegalStateException("This tensor holds " + type + ", not bytes");
        }
        return (byte[]) data;
    }

    public boolean[] booleans() {
        return (boolean[]) as(ElementType.BOOL);
    }

    /** The primitive array behind it, whatever its type. */
    Object data() {
        return data;
    }

    private Object as(ElementType expected) {
        if (type != expected) {
            throw new IllegalStateException("This tensor holds " + type + ", not " + expected);
        }
        return data;
    }

    static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("A tensor's shape has no negative dimensions: "
                        + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    @Override
    public String toString() {
        return "Tensor[" + type + " " + Arrays.toString(shape) + "]";
    }
}
