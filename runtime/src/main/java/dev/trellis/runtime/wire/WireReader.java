package dev.trellis.runtime.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads the fields of one protobuf message (<a href="https://protobuf.dev/programming-guides/encoding/">
 * the wire format</a>) from a slice of a byte array. Generated {@link WireCodec}s loop on
 * {@link #readTag()} until it returns 0, switch on the field number, check the wire type with
 * {@link #expectWireType} and call the matching {@code read} method, or {@link #skipField} for fields
 * they do not know. A nested message is read through a view bounded to its length.
 *
 * <p>The bytes come from the network and are not trusted. Every read checks its bounds before it
 * allocates or advances, so a truncated or corrupt message, a huge length prefix, an endless varint or
 * a message nested more than 64 deep is a {@link WireFormatException} that names what was being read
 * and its offset (an index into the array given to the constructor); nothing else is thrown. Every
 * tag and value read consumes at least one byte, so a codec's loop over the tags always ends.
 *
 * <p>Each {@code readPacked…} method reads one packed field. Protobuf lets a repeated field arrive as
 * several packed fields, or unpacked (one tag per element, with the element's wire type); joining
 * those is up to the codec.
 *
 * <p>Not thread-safe; one reader decodes one message on one thread.
 */
public final class WireReader {

    /** Wire type of {@code int32}, {@code sint32}, {@code bool}, {@code enum}, … */
    public static final int VARINT = 0;
    /** Wire type of {@code double}, {@code fixed64}, {@code sfixed64}. */
    public static final int I64 = 1;
    /** Wire type of {@code string}, {@code bytes}, messages and packed repeated fields. */
    public static final int LEN = 2;
    /** Wire type of {@code float}, {@code fixed32}, {@code sfixed32}. */
    public static final int I32 = 5;

    private static final int MAX_DEPTH = WireWriter.MAX_DEPTH;
    private static final int MAX_VARINT_SIZE = 10;
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] buffer;
    private final int limit;
    private final int depth;
    private int position;

    /** Reads a message that fills {@code bytes}. */
    public WireReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /**
     * Reads a message that fills {@code length} bytes of {@code bytes} from {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the slice is not inside {@code bytes}
     */
    public WireReader(byte[] bytes, int offset, int length) {
        this(bytes, Objects.checkFromIndexSize(offset, length, bytes.length), offset + length, 0);
    }

    private WireReader(byte[] buffer, int position, int limit, int depth) {
        this.buffer = buffer;
        this.position = position;
        this.limit = limit;
        this.depth = depth;
    }

    /** The field number of {@code tag}, 1 to 2^29-1. */
    public static int fieldOf(int tag) {
        return tag >>> 3;
    }

    /** The wire type of {@code tag}: {@link #VARINT}, {@link #I64}, {@link #LEN} or {@link #I32}. */
    public static int wireTypeOf(int tag) {
        return tag & 7;
    }

    /**
     * Reads the next field's tag.
     *
     * @return 0 at the end of this message, otherwise the tag: a field number of 1 or more (the tag is
     *     negative for field numbers from 2^28) and a supported wire type
     * @throws WireFormatException if the tag is truncated, its field number is 0 or its wire type is a
     *     group (3, 4) or undefined (6, 7)
     */
    public int readTag() {
        if (position == limit) {
            return 0;
        }
        int at = position;
        long tag = varint("tag", limit);
        if (tag != (tag & 0xFFFF_FFFFL)) {
            throw new WireFormatException("tag at offset " + at + " is larger than 32 bits: "
                    + Long.toUnsignedString(tag));
        }
        int field = fieldOf((int) tag);
        int wireType = wireTypeOf((int) tag);
        if (field == 0) {
            throw new WireFormatException("tag at offset " + at + " has field number 0, which no field has");
        }
        switch (wireType) {
            case VARINT, I64, LEN, I32 -> {
                return (int) tag;
            }
            case 3, 4 -> throw new WireFormatException("field " + field + " at offset " + at
                    + " is a group (wire type " + wireType + "), which is not supported; use a nested message");
            default -> throw new WireFormatException("field " + field + " at offset " + at
                    + " has wire type " + wireType + ", which is not a protobuf wire type");
        }
    }

    /**
     * Checks that a known field came with the wire type its codec expects.
     *
     * @param what the message type, for the error
     * @throws WireFormatException {@code "field N of <what> has wire type X, expected Y"}
     */
    public void expectWireType(int tag, int wireType, String what) {
        if (wireTypeOf(tag) != wireType) {
            throw new WireFormatException("field " + fieldOf(tag) + " of " + what + " has wire type "
                    + wireTypeOf(tag) + ", expected " + wireType);
        }
    }

    /** Reads a proto {@code sint32} (zigzag varint); like protobuf, keeps the low 32 bits of a longer one. */
    public int readInt32() {
        int value = (int) varint("sint32", limit);
        return (value >>> 1) ^ -(value & 1);
    }

    /** Reads a proto {@code sint64} (zigzag varint). */
    public long readInt64() {
        return unzigzag(varint("sint64", limit));
    }

    /** Reads a proto {@code bool}: any varint other than 0 is true. */
    public boolean readBool() {
        return varint("bool", limit) != 0;
    }

    /**
     * Reads a proto {@code enum} varint as an {@code int}. Other encoders send negative values as ten
     * bytes, which come back negative; mapping an unknown value is up to the codec.
     */
    public int readEnum() {
        return (int) varint("enum", limit);
    }

    /** Reads a proto {@code float}: 4 bytes, little-endian. */
    public float readFloat() {
        return Float.intBitsToFloat((int) INT_LE.get(buffer, fixed(Float.BYTES, "float")));
    }

    /** Reads a proto {@code double}: 8 bytes, little-endian. */
    public double readDouble() {
        return Double.longBitsToDouble((long) LONG_LE.get(buffer, fixed(Double.BYTES, "double")));
    }

    /**
     * Reads a proto {@code string}.
     *
     * @throws WireFormatException also if the bytes are not well-formed UTF-8
     */
    public String readString() {
        int at = position;
        int length = length("string");
        String value;
        try {
            value = Utf8.decode(buffer, position, length);
        } catch (CharacterCodingException e) {
            throw new WireFormatException("string at offset " + at + " is not valid UTF-8");
        }
        position += length;
        return value;
    }

    /** Reads a proto {@code bytes} into a new array. */
    public byte[] readBytes() {
        int length = length("bytes");
        byte[] value = Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return value;
    }

    /** Reads one packed {@code repeated float} field. */
    public float[] readPackedFloats() {
        int length = packedFixedLength("packed floats", Float.BYTES);
        float[] values = new float[length / Float.BYTES];
        littleEndian(length).asFloatBuffer().get(values);
        return values;
    }

    /** Reads one packed {@code repeated double} field. */
    public double[] readPackedDoubles() {
        int length = packedFixedLength("packed doubles", Double.BYTES);
        double[] values = new double[length / Double.BYTES];
        littleEndian(length).asDoubleBuffer().get(values);
        return values;
    }

    /** Reads one packed {@code repeated sfixed32} field. */
    public int[] readPackedInts() {
        int length = packedFixedLength("packed sfixed32", Integer.BYTES);
        int[] values = new int[length / Integer.BYTES];
        littleEndian(length).asIntBuffer().get(values);
        return values;
    }

    /** Reads one packed {@code repeated sfixed64} field. */
    public long[] readPackedLongs() {
        int length = packedFixedLength("packed sfixed64", Long.BYTES);
        long[] values = new long[length / Long.BYTES];
        littleEndian(length).asLongBuffer().get(values);
        return values;
    }

    /** Reads one packed {@code repeated bool} field. */
    public boolean[] readPackedBooleans() {
        int end = packedVarintsEnd("packed bools");
        boolean[] values = new boolean[countVarints(end)];
        for (int i = 0; i < values.length; i++) {
            values[i] = varint("packed bools", end) != 0;
        }
        return values;
    }

    /**
     * Reads one packed {@code repeated sint32} field into {@code short}s.
     *
     * @throws WireFormatException also if a value does not fit in a {@code short}
     */
    public short[] readPackedShorts() {
        int end = packedVarintsEnd("packed shorts");
        short[] values = new short[countVarints(end)];
        for (int i = 0; i < values.length; i++) {
            int at = position;
            long value = unzigzag(varint("packed shorts", end));
            if (value != (short) value) {
                throw outOfRange("packed shorts", at, value, "a short");
            }
            values[i] = (short) value;
        }
        return values;
    }

    /**
     * Reads one packed {@code repeated uint32} field into {@code char}s.
     *
     * @throws WireFormatException also if a value does not fit in a {@code char}
     */
    public char[] readPackedChars() {
        int end = packedVarintsEnd("packed chars");
        char[] values = new char[countVarints(end)];
        for (int i = 0; i < values.length; i++) {
            int at = position;
            long value = varint("packed chars", end);
            if (value != (char) value) {
                throw outOfRange("packed chars", at, value, "a char");
            }
            values[i] = (char) value;
        }
        return values;
    }

    /** Reads one packed {@code repeated sint32} field; like protobuf, keeps the low 32 bits of each. */
    public int[] readPackedSInt32() {
        int end = packedVarintsEnd("packed sint32");
        int[] values = new int[countVarints(end)];
        for (int i = 0; i < values.length; i++) {
            int value = (int) varint("packed sint32", end);
            values[i] = (value >>> 1) ^ -(value & 1);
        }
        return values;
    }

    /** Reads one packed {@code repeated sint64} field. */
    public long[] readPackedSInt64() {
        int end = packedVarintsEnd("packed sint64");
        long[] values = new long[countVarints(end)];
        for (int i = 0; i < values.length; i++) {
            values[i] = unzigzag(varint("packed sint64", end));
        }
        return values;
    }

    /**
     * Reads a nested message with {@code codec}, through a view bounded to the message's length.
     *
     * @throws WireFormatException also if messages nest deeper than 64
     * @throws IllegalStateException if {@code codec} returns before the end of the message, a bug in
     *     the codec rather than in the bytes
     */
    public <T> T readMessage(WireCodec<T> codec) {
        int at = position;
        if (depth == MAX_DEPTH) {
            throw new WireFormatException("message at offset " + at + " is nested deeper than " + MAX_DEPTH);
        }
        int length = length("message");
        WireReader nested = new WireReader(buffer, position, position + length, depth + 1);
        T value = codec.read(nested);
        if (nested.position != nested.limit) {
            throw new IllegalStateException(codec.getClass().getName() + " returned after "
                    + (nested.position - position) + " of the " + length + " bytes of the message at offset "
                    + at + "; a codec reads until readTag() returns 0");
        }
        position = nested.limit;
        return value;
    }

    /**
     * Skips the value of a field this codec does not know, of any supported wire type.
     *
     * @throws WireFormatException if the value is truncated or the wire type is not supported
     */
    public void skipField(int tag) {
        switch (wireTypeOf(tag)) {
            case VARINT -> varint("skipped varint", limit);
            case I64 -> fixed(8, "skipped I64 value");
            case LEN -> {
                int length = length("skipped LEN value");
                position += length;
            }
            case I32 -> fixed(4, "skipped I32 value");
            default -> throw new WireFormatException("cannot skip field " + fieldOf(tag) + " at offset "
                    + position + ": wire type " + wireTypeOf(tag) + " is not supported");
        }
    }

    /**
     * Reads an unsigned varint that must end before {@code end}.
     *
     * @param what what the varint is, for errors
     */
    private long varint(String what, int end) {
        int at = position;
        if (at < end && buffer[at] >= 0) {
            position++;
            return buffer[at];
        }
        long value = 0;
        for (int i = 0; i < MAX_VARINT_SIZE; i++) {
            if (position == end) {
                throw truncated(what, at);
            }
            byte b = buffer[position++];
            value |= (long) (b & 0x7F) << (7 * i);
            if (b >= 0) {
                if (i == MAX_VARINT_SIZE - 1 && b > 1) {
                    throw new WireFormatException(what + " at offset " + at + " is a varint larger than 64 bits");
                }
                return value;
            }
        }
        throw new WireFormatException(what + " at offset " + at + " is a varint longer than "
                + MAX_VARINT_SIZE + " bytes");
    }

    /** Skips {@code size} bytes of a fixed-size value and returns where they start. */
    private int fixed(int size, String what) {
        if (limit - position < size) {
            throw new WireFormatException("truncated " + what + " at offset " + position + ": needs " + size
                    + " bytes, " + (limit - position) + " remain");
        }
        int at = position;
        position += size;
        return at;
    }

    /** Reads a length prefix and checks that so many bytes remain, before anyone allocates for them. */
    private int length(String what) {
        int at = position;
        long length = varint(what, limit);
        if (length < 0) {
            throw new WireFormatException(what + " at offset " + at + " has a negative length: " + length);
        }
        if (length > limit - position) {
            throw new WireFormatException(what + " at offset " + at + " declares " + length
                    + " bytes, but only " + (limit - position) + " remain");
        }
        return (int) length;
    }

    private int packedFixedLength(String what, int elementSize) {
        int at = position;
        int length = length(what);
        if (length % elementSize != 0) {
            throw new WireFormatException(what + " at offset " + at + " has " + length
                    + " bytes, not a multiple of " + elementSize);
        }
        return length;
    }

    /** Reads the length of a packed varint field; returns its end, where its last varint must end. */
    private int packedVarintsEnd(String what) {
        int length = length(what);
        int end = position + length;
        if (length > 0 && buffer[end - 1] < 0) {
            throw truncated(what, end - 1);
        }
        return end;
    }

    /** How many varints lie between here and {@code end}: one per byte without a continuation bit. */
    private int countVarints(int end) {
        int count = 0;
        for (int i = position; i < end; i++) {
            count += ~buffer[i] >>> 31;
        }
        return count;
    }

    /** A little-endian view of the next {@code length} bytes, for bulk copies; advances past them. */
    private ByteBuffer littleEndian(int length) {
        ByteBuffer view = ByteBuffer.wrap(buffer, position, length).order(ByteOrder.LITTLE_ENDIAN);
        position += length;
        return view;
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    private static WireFormatException truncated(String what, int at) {
        return new WireFormatException("truncated " + what + " at offset " + at);
    }

    private static WireFormatException outOfRange(String what, int at, long value, String type) {
        return new WireFormatException(what + " at offset " + at + " holds " + value
                + ", which does not fit in " + type);
    }
}
