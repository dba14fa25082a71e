package dev.trellis.processor.wire;

import com.palantir.javapoet.TypeName;

/**
 * The protobuf scalars Java's primitives map to, with the names of the {@code WireWriter} and
 * {@code WireReader} methods that handle them, one value and a packed array at a time.
 */
public enum ScalarKind {
    INT32(TypeName.INT, "sint32", "int32", "readInt32", "VARINT", "packedSInt32", "readPackedSInt32", "packedInts",
            "readPackedInts", "sfixed32"),
    SHORT(TypeName.SHORT, "sint32", "int32", "readInt32", "VARINT", "packedSInt32", "readPackedSInt32", "packedShorts",
            "readPackedShorts", "sint32"),
    BYTE(TypeName.BYTE, "sint32", "int32", "readInt32", "VARINT", "packedSInt32", "readPackedSInt32", null, null, null),
    CHAR(TypeName.CHAR, "uint32", "enumValue", "readEnum", "VARINT", "packedChars", "readPackedChars", "packedChars",
            "readPackedChars", "uint32"),
    INT64(TypeName.LONG, "sint64", "int64", "readInt64", "VARINT", "packedSInt64", "readPackedSInt64", "packedLongs",
            "readPackedLongs", "sfixed64"),
    BOOL(TypeName.BOOLEAN, "bool", "bool", "readBool", "VARINT", "packedBooleans", "readPackedBooleans",
            "packedBooleans", "readPackedBooleans", "bool"),
    FLOAT(TypeName.FLOAT, "float", "float32", "readFloat", "I32", "packedFloats", "readPackedFloats", "packedFloats",
            "readPackedFloats", "float"),
    DOUBLE(TypeName.DOUBLE, "double", "float64", "readDouble", "I64", "packedDoubles", "readPackedDoubles",
            "packedDoubles", "readPackedDoubles", "double"),
    STRING(null, "string", "string", "readString", "LEN", null, null, null, null, null),
    BYTES(null, "bytes", "bytes", "readBytes", "LEN", null, null, null, null, null);

    private final TypeName primitive;
    private final String protoType;
    private final String writeMethod;
    private final String readMethod;
    private final String wireType;
    private final String packedListWrite;
    private final String packedListRead;
    private final String arrayWrite;
    private final String arrayRead;
    private final String arrayProtoType;

    ScalarKind(TypeName primitive, String protoType, String writeMethod, String readMethod, String wireType,
            String packedListWrite, String packedListRead, String arrayWrite, String arrayRead,
            String arrayProtoType) {
        this.primitive = primitive;
        this.protoType = protoType;
        this.writeMethod = writeMethod;
        this.readMethod = readMethod;
        this.wireType = wireType;
        this.packedListWrite = packedListWrite;
        this.packedListRead = packedListRead;
        this.arrayWrite = arrayWrite;
        this.arrayRead = arrayRead;
        this.arrayProtoType = arrayProtoType;
    }

    /** The Java primitive; null for strings and bytes. */
    public TypeName primitive() {
        return primitive;
    }

    /** The .proto type of one value. */
    public String protoType() {
        return protoType;
    }

    public String writeMethod() {
        return writeMethod;
    }

    public String readMethod() {
        return readMethod;
    }

    /** The name of the {@code WireReader} constant of this scalar's wire type. */
    public String wireType() {
        return wireType;
    }

    /** Whether a {@code List} of it is one packed field (numbers and booleans) rather than one field per item. */
    public boolean packsInLists() {
        return packedListWrite != null;
    }

    public String packedListWrite() {
        return packedListWrite;
    }

    public String packedListRead() {
        return packedListRead;
    }

    /** Whether a primitive array of it is a wire type (all but {@code byte[]}, which is {@link #BYTES}). */
    public boolean hasArray() {
        return arrayWrite != null;
    }

    public String arrayWrite() {
        return arrayWrite;
    }

    public String arrayRead() {
        return arrayRead;
    }

    /** The .proto element type of its array: raw little-endian blocks where protobuf has them. */
    public String arrayProtoType() {
        return arrayProtoType;
    }
}
