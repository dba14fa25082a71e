package dev.trellis.runtime.wire;

import static dev.trellis.runtime.wire.WireReader.I32;
import static dev.trellis.runtime.wire.WireReader.I64;
import static dev.trellis.runtime.wire.WireReader.LEN;
import static dev.trellis.runtime.wire.WireReader.VARINT;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes the fields of one protobuf message (<a href="https://protobuf.dev/programming-guides/encoding/">
 * the wire format</a>) into a growable buffer that starts small and doubles. Generated
 * {@link WireCodec}s call one method per field; each writes the field's tag and value.
 *
 * <p>The output is canonical protobuf: minimal varints, every field written in the order of the calls,
 * nested messages with their exact length. Java {@code int}/{@code long} are {@code sint32}/{@code sint64}
 * (zigzag), so small negative numbers stay small.
 *
 * <p>Values are never null: presence is decided by the generated code, which skips absent fields before
 * calling, and every field passed is written, even a default value. A null is a
 * {@link NullPointerException} before anything is written.
 *
 * <p>Not thread-safe; one writer encodes one message on one thread.
 */
public final class WireWriter {

    /** The largest field number protobuf allows, {@code 2^29 - 1}. */
    static final int MAX_FIELD = (1 << 29) - 1;

    /** How deep messages may nest; the same limit as {@link WireReader}'s, so what is written can be read. */
    static final int MAX_DEPTH = 64;

    private static final int INITIAL_CAPACITY = 64;
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8; // the largest array every JVM allocates
    private static final int MAX_TAG_SIZE = 5;
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A value at least this long reserves, before it is written, the length prefixes its enclosing
     * messages will need: moving the few bytes written before it is cheaper than moving it.
     */
    private static final int LARGE_VALUE = 1024;

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int position;
    private int depth;
    /** Per open message: where its length prefix starts, and how many bytes are reserved for it. */
    private final int[] lengthAt = new int[MAX_DEPTH];
    private final int[] reserved = new int[MAX_DEPTH];

    public WireWriter() {}

    /**
     * The bytes written so far. When they fill the buffer exactly, as they do after a large value that
     * made it grow, that buffer itself, not a copy: a later write never changes it, since any write makes
     * the writer move to a larger buffer first.
     */
    public byte[] toByteArray() {
        return position == buffer.length ? buffer : Arrays.copyOf(buffer, position);
    }

    /** The number of bytes written so far. */
    public int size() {
        return position;
    }

    /** Writes a proto {@code sint32}: a zigzag varint, 1 byte for -64..63, at most 5. */
    public void int32(int field, int value) {
        tag(field, VARINT, 5);
        varint32(zigzag(value));
    }

    /** Writes a proto {@code sint64}: a zigzag varint, at most 10 bytes. */
    public void int64(int field, long value) {
        tag(field, VARINT, 10);
        varint64(zigzag(value));
    }

    /** Writes a proto {@code bool}: a varint 0 or 1. */
    public void bool(int field, boolean value) {
        tag(field, VARINT, 1);
        buffer[position++] = (byte) (value ? 1 : 0);
    }

    /**
     * Writes a proto {@code enum}: a plain varint.
     *
     * @throws IllegalArgumentException if {@code ordinal} is negative
     */
    public void enumValue(int field, int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("enum ordinal of field " + field + " is negative: " + ordinal);
        }
        tag(field, VARINT, 5);
        varint32(ordinal);
    }

    /** Writes a proto {@code float}: 4 bytes, little-endian, NaN payloads kept. */
    public void float32(int field, float value) {
        tag(field, I32, 4);
        INT_LE.set(buffer, position, Float.floatToRawIntBits(value));
        position += 4;
    }

    /** Writes a proto {@code double}: 8 bytes, little-endian, NaN payloads kept. */
    public void float64(int field, double value) {
        tag(field, I64, 8);
        LONG_LE.set(buffer, position, Double.doubleToRawLongBits(value));
        position += 8;
    }

    /**
     * Writes a proto {@code string}, encoded as UTF-8 straight into the buffer. An unpaired surrogate
     * becomes {@code '?'}, as in {@code String.getBytes(UTF_8)}.
     */
    public void string(int field, String value) {
        long length = Utf8.encodedLength(value);
        lengthDelimited(field, length);
        position = Utf8.encode(value, buffer, position);
    }

    /** Writes a proto {@code bytes}. */
    public void bytes(int field, byte[] value) {
        lengthDelimited(field, value.length);
        System.arraycopy(value, 0, buffer, position, value.length);
        position += value.length;
    }

    /** Writes a packed {@code repeated float}: 4 little-endian bytes each; nothing if empty. */
    public void packedFloats(int field, float[] values) {
        if (packedFixed(field, values.length, Float.BYTES)) {
            littleEndian(values.length * Float.BYTES).asFloatBuffer().put(values);
        }
    }

    /** Writes a packed {@code repeated double}: 8 little-endian bytes each; nothing if empty. */
    public void packedDoubles(int field, double[] values) {
        if (packedFixed(field, values.length, Double.BYTES)) {
            littleEndian(values.length * Double.BYTES).asDoubleBuffer().put(values);
        }
    }

    /** Writes a packed {@code repeated sfixed32}: 4 little-endian bytes each; nothing if empty. */
    public void packedInts(int field, int[] values) {
        if (packedFixed(field, values.length, Integer.BYTES)) {
            littleEndian(values.length * Integer.BYTES).asIntBuffer().put(values);
        }
    }

    /** Writes a packed {@code repeated sfixed64}: 8 little-endian bytes each; nothing if empty. */
    public void packedLongs(int field, long[] values) {
        if (packedFixed(field, values.length, Long.BYTES)) {
            littleEndian(values.length * Long.BYTES).asLongBuffer().put(values);
        }
    }

    /** Writes a packed {@code repeated bool}: one byte, 0 or 1, each; nothing if empty. */
    public void packedBooleans(int field, boolean[] values) {
        if (packedFixed(field, values.length, 1)) {
            for (boolean value : values) {
                buffer[position++] = (byte) (value ? 1 : 0);
            }
        }
    }

    /** Writes {@code short}s as a packed {@code repeated sint32} (zigzag varints); nothing if empty. */
    public void packedShorts(int field, short[] values) {
        if (isEmpty(field, values.length)) {
            return;
        }
        long length = 0;
        for (short value : values) {
            length += varint32Size(zigzag(value));
        }
        lengthDelimited(field, length);
        for (short value : values) {
            varint32(zigzag(value));
        }
    }

    /** Writes {@code char}s as a packed {@code repeated uint32} (varints); nothing if empty. */
    public void packedChars(int field, char[] values) {
        if (isEmpty(field, values.length)) {
            return;
        }
        long length = 0;
        for (char value : values) {
            length += varint32Size(value);
        }
        lengthDelimited(field, length);
        for (char value : values) {
            varint32(value);
        }
    }

    /** Writes a packed {@code repeated sint32} (zigzag varints); nothing if empty. */
    public void packedSInt32(int field, int[] values) {
        if (isEmpty(field, values.length)) {
            return;
        }
        long length = 0;
        for (int value : values) {
            length += varint32Size(zigzag(value));
        }
        lengthDelimited(field, length);
        for (int value : values) {
            varint32(zigzag(value));
        }
    }

    /** Writes a packed {@code repeated sint64} (zigzag varints); nothing if empty. */
    public void packedSInt64(int field, long[] values) {
        if (isEmpty(field, values.length)) {
            return;
        }
        long length = 0;
        for (long value : values) {
            length += varint64Size(zigzag(value));
        }
        lengthDelimited(field, length);
        for (long value : values) {
            varint64(zigzag(value));
        }
    }

    /**
     * Writes a nested message: its fields, as {@code codec} writes them, prefixed by their length.
     *
     * @throws IllegalArgumentException if messages nest deeper than 64, which the reader would refuse
     *     (a cyclic value ends here too, instead of in a {@link StackOverflowError})
     */
    public <T> void message(int field, T value, WireCodec<T> codec) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(codec, "codec");
        if (depth == MAX_DEPTH) {
            throw new IllegalArgumentException("message in field " + field + " is nested deeper than "
                    + MAX_DEPTH + " levels, which a WireReader refuses; is the value cyclic?");
        }
        // The length is unknown until the codec is done: reserve one byte, the size of any length under
        // 128. A large value inside reserves more before it is written (see lengthDelimited); otherwise the
        // content moves right in the rare case that the length needs more.
        tag(field, LEN, 1);
        lengthAt[depth] = position;
        reserved[depth] = 1;
        position++;
        depth++;
        try {
            codec.write(this, value);
        } finally {
            depth--;
        }
        int start = lengthAt[depth];
        int prefix = reserved[depth];
        int length = position - start - prefix;
        int extra = varint32Size(length) - prefix; // never negative: a reservation is a lower bound
        if (extra > 0) {
            ensureCapacity(extra);
            System.arraycopy(buffer, start + prefix, buffer, start + prefix + extra, length);
        }
        int end = position + extra;
        position = start;
        varint32(length);
        position = end;
    }

    /** Writes the tag of a length-delimited field and its length, with room for the content after it. */
    private void lengthDelimited(int field, long length) {
        if (length > MAX_CAPACITY) {
            throw tooLarge(length);
        }
        checkField(field);
        int tag = field << 3 | LEN;
        long fieldSize = varint32Size(tag) + varint32Size((int) length) + length;
        if (length >= LARGE_VALUE && depth > 0) {
            reserveLengthPrefixes(fieldSize);
        }
        // Exactly what the field takes: a large value makes the buffer grow to fit it, and nothing more,
        // so that toByteArray need not copy it once more when it is the last.
        ensureCapacity(fieldSize);
        varint32(tag);
        varint32((int) length);
    }

    /**
     * Before a field of {@code fieldSize} bytes is written, widens the length prefix of each open message
     * to what its content will need at least, innermost first: widening one moves what it holds so far
     * (a few bytes, before a large value) and lengthens the messages around it.
     */
    private void reserveLengthPrefixes(long fieldSize) {
        int[] widths = new int[depth];
        long grown = 0; // how far the prefixes widened so far move what follows them
        for (int level = depth - 1; level >= 0; level--) {
            long content = position + grown - (lengthAt[level] + reserved[level]) + fieldSize;
            int needed = content > MAX_CAPACITY ? MAX_TAG_SIZE : varint32Size((int) content);
            widths[level] = Math.max(needed, reserved[level]);
            grown += widths[level] - reserved[level];
        }
        if (grown == 0) {
            return;
        }
        ensureCapacity(grown + fieldSize); // once, the whole field included
        for (int level = depth - 1; level >= 0; level--) {
            int extra = widths[level] - reserved[level];
            if (extra == 0) {
                continue;
            }
            int start = lengthAt[level] + reserved[level];
            System.arraycopy(buffer, start, buffer, start + extra, position - start);
            position += extra;
            reserved[level] = widths[level];
            for (int inner = level + 1; inner < depth; inner++) {
                lengthAt[inner] += extra;
            }
        }
    }

    /** Starts a packed field of fixed-size elements; false (and writes nothing) if there are none. */
    private boolean packedFixed(int field, int count, int elementSize) {
        if (isEmpty(field, count)) {
            return false;
        }
        lengthDelimited(field, (long) count * elementSize);
        return true;
    }

    /** Whether a packed field has no elements, and so is not written; its number is checked anyway. */
    private static boolean isEmpty(int field, int count) {
        checkField(field);
        return count == 0;
    }

    /** A little-endian view of the next {@code length} bytes, for bulk copies; advances past them. */
    private ByteBuffer littleEndian(int length) {
        ByteBuffer view = ByteBuffer.wrap(buffer, position, length).order(ByteOrder.LITTLE_ENDIAN);
        position += length;
        return view;
    }

    /** Writes a tag after making room for it and a value of up to {@code valueSize} bytes. */
    private void tag(int field, int wireType, long valueSize) {
        checkField(field);
        ensureCapacity(MAX_TAG_SIZE + valueSize);
        varint32(field << 3 | wireType);
    }

    private static void checkField(int field) {
        if (field < 1 || field > MAX_FIELD) {
            throw new IllegalArgumentException("field number " + field + " is outside 1.." + MAX_FIELD);
        }
    }

    /** Writes an unsigned varint; the caller has made room for it. */
    private void varint32(int value) {
        while ((value & ~0x7F) != 0) {
            buffer[position++] = (byte) (value | 0x80);
            value >>>= 7;
        }
        buffer[position++] = (byte) value;
    }

    /** Writes an unsigned varint; the caller has made room for it. */
    private void varint64(long value) {
        while ((value & ~0x7FL) != 0) {
            buffer[position++] = (byte) (value | 0x80);
            value >>>= 7;
        }
        buffer[position++] = (byte) value;
    }

    /** Maps signed to unsigned so that small magnitudes stay small: 0, -1, 1, -2 become 0, 1, 2, 3. */
    private static int zigzag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    /** The size of {@code value} as an unsigned varint: one byte per started 7 bits, at least one. */
    static int varint32Size(int value) {
        return (352 - Integer.numberOfLeadingZeros(value) * 9) >>> 6;
    }

    static int varint64Size(long value) {
        return (640 - Long.numberOfLeadingZeros(value) * 9) >>> 6;
    }

    private void ensureCapacity(long extra) {
        if (extra > buffer.length - position) {
            long needed = position + extra;
            if (needed > MAX_CAPACITY) {
                throw tooLarge(needed);
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_CAPACITY, Math.max(needed, 2L * buffer.length)));
        }
    }

    private static IllegalStateException tooLarge(long bytes) {
        return new IllegalStateException("encoding needs " + bytes
                + " bytes, more than a Java array (and a protobuf message, at most 2 GiB) can hold");
    }
}
