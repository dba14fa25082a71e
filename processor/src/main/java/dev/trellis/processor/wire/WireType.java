package dev.trellis.processor.wire;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/**
 * How one Java type crosses an edge, in protobuf's wire format. Resolved once by {@link WireTypeResolver};
 * the codec and {@code .proto} writers only read these.
 */
public sealed interface WireType {

    /** The Java type as written. */
    TypeName javaType();

    /** A single protobuf scalar: a primitive, its box, {@code String} or {@code byte[]}. */
    record Scalar(ScalarKind kind, TypeName javaType) implements WireType {

        /** Boxes and strings may be null; the field is then absent, and {@code optional} in the .proto. */
        public boolean nullable() {
            return !javaType.isPrimitive() && kind != ScalarKind.BYTES;
        }
    }

    /** A primitive array other than {@code byte[]}, one packed field of raw values. */
    record PrimitiveArray(ScalarKind element) implements WireType {
        @Override
        public TypeName javaType() {
            return ArrayTypeName.of(element.primitive());
        }
    }

    /** A Java enum, encoded as its ordinal. */
    record EnumType(ClassName javaType) implements WireType {}

    /** A record, or a sealed interface of records: a nested message with its own generated codec. */
    record MessageType(ClassName javaType) implements WireType {

        /** The generated codec, {@code <Simple>WireCodec} beside the type ({@code Outer_Inner} when nested). */
        public ClassName codec() {
            return codecOf(javaType);
        }

        public static ClassName codecOf(ClassName type) {
            return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "WireCodec");
        }
    }

    /** A {@code List} or {@code Set} of scalars, enums or messages: a repeated field. */
    record Repeated(ClassName collection, WireType element, TypeName javaType) implements WireType {
        public boolean isSet() {
            return collection.simpleName().equals("Set");
        }
    }

    /** A {@code Map} with integral, boolean or string keys: a protobuf map. */
    record MapType(Scalar key, WireType value, TypeName javaType) implements WireType {}

    /** An {@code Optional} of a scalar, enum or message: a field with presence. */
    record OptionalType(WireType element, TypeName javaType) implements WireType {}
}
