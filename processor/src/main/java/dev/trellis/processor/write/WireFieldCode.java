package dev.trellis.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.trellis.processor.RuntimeNames;
import dev.trellis.processor.wire.ScalarKind;
import dev.trellis.processor.wire.WireDefinition.WireField;
import dev.trellis.processor.wire.WireType;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * Writes the code that encodes and decodes one field of a message, for the record codecs and the
 * deployments' request and response messages alike. Members the code needs (an enum's values, a map
 * entry codec) are collected and added to the class once, by {@link #addSupportTo}.
 */
final class WireFieldCode {

    private static final Set<String> RESERVED = Set.of(
            "out", "in", "tag", "value", "args", "result", "method", "bytes", "item", "packed", "index", "entry");

    private final String owner;
    private final Map<String, FieldSpec> fields;
    private final Map<String, TypeSpec> types;
    private final Set<String> helpers;

    /** @param owner how errors name the message, e.g. {@code Reply} or {@code Greeter.greet} */
    WireFieldCode(String owner) {
        this(owner, new TreeMap<>(), new TreeMap<>(), new java.util.TreeSet<>());
    }

    private WireFieldCode(String owner, Map<String, FieldSpec> fields, Map<String, TypeSpec> types,
            Set<String> helpers) {
        this.owner = owner;
        this.fields = fields;
        this.types = types;
        this.helpers = helpers;
    }

    /** The same class's support members, for the fields of another message, named {@code owner}. */
    WireFieldCode forMessage(String otherOwner) {
        return new WireFieldCode(otherOwner, fields, types, helpers);
    }

    /** The local variable that holds a field while it is written or read. */
    static String local(WireField field) {
        return RESERVED.contains(field.name()) ? field.name() + "Field" : field.name();
    }

    /** Writes the field held in its local, skipping absent values and, for primitives, zeros. */
    CodeBlock write(WireField field) {
        String v = local(field);
        int n = field.number();
        WireType type = field.type();
        return switch (type) {
            case WireType.Scalar scalar -> scalar.javaType().isPrimitive()
                    ? CodeBlock.builder().beginControlFlow("if ($L)", nonZero(scalar.kind(), v))
                            .addStatement(writeValue(type, n, CodeBlock.of("$N", v))).endControlFlow().build()
                    : scalar.kind() == ScalarKind.BYTES
                            ? guarded(CodeBlock.of("$N != null && $N.length > 0", v, v), writeValue(type, n, v))
                            : guarded(CodeBlock.of("$N != null", v), writeValue(type, n, v));
            case WireType.PrimitiveArray array ->
                    guarded(CodeBlock.of("$N != null", v), CodeBlock.of("out.$N($L, $N)", array.element().arrayWrite(), n, v));
            case WireType.EnumType ignored -> guarded(CodeBlock.of("$N != null", v), writeValue(type, n, v));
            case WireType.MessageType ignored -> guarded(CodeBlock.of("$N != null", v), writeValue(type, n, v));
            case WireType.Repeated repeated -> writeRepeated(repeated, field);
            case WireType.MapType map -> CodeBlock.builder()
                    .beginControlFlow("if ($N != null)", v)
                    .beginControlFlow("for ($T entry : $N.entrySet())", entryType(map), v)
                    .addStatement("out.message($L, entry, $N)", n, entryCodec(map, field))
                    .endControlFlow().endControlFlow().build();
            case WireType.OptionalType optional -> CodeBlock.builder()
                    .beginControlFlow("if ($N != null && $N.isPresent())", v, v)
                    .addStatement(writeValue(optional.element(), n, CodeBlock.of("$N.get()", v)))
                    .endControlFlow().build();
        };
    }

    /** Declares the field's local with the value an absent field decodes to. */
    CodeBlock declareDefault(WireField field) {
        return CodeBlock.of("$T $N = $L;\n", field.type().javaType(), local(field), defaultValue(field.type()));
    }

    /** One {@code case} of the decoding loop's switch, reading the field into its local. */
    CodeBlock readCase(WireField field) {
        String v = local(field);
        String what = owner + "." + field.name();
        CodeBlock.Builder body = CodeBlock.builder().add("case $L -> {\n", field.number()).indent();
        switch (field.type()) {
            case WireType.PrimitiveArray array -> body.add(expect(what, "LEN"))
                    .addStatement("$N = in.$N()", v, array.element().arrayRead());
            case WireType.Repeated repeated -> body.add(readRepeated(repeated, v, what));
            case WireType.MapType map -> body.add(expect(what, "LEN"))
                    .addStatement("$T entry = in.readMessage($N)", entryType(map), entryCodec(map, field))
                    .addStatement("$N.put(entry.getKey(), entry.getValue())", v);
            case WireType.OptionalType optional -> body.add(expect(what, wireTypeOf(optional.element())))
                    .addStatement("$N = $T.of($L)", v, Optional.class, readValue(optional.element(), what));
            default -> body.add(expect(what, wireTypeOf(field.type())))
                    .addStatement("$N = $L", v, readValue(field.type(), what));
        }
        return body.unindent().add("}\n").build();
    }

    /** Adds the members the written code refers to. */
    void addSupportTo(TypeSpec.Builder type) {
        fields.values().forEach(type::addField);
        types.values().forEach(type::addType);
        if (helpers.contains("enumAt")) {
            TypeVariableName e = TypeVariableName.get("E");
            type.addMethod(MethodSpec.methodBuilder("enumAt")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addTypeVariable(e)
                    .returns(e)
                    .addParameter(ArrayTypeName.of(e), "values")
                    .addParameter(int.class, "ordinal")
                    .addParameter(String.class, "what")
                    .beginControlFlow("if (ordinal < 0 || ordinal >= values.length)")
                    .addStatement("throw new $T(what + \" has no value with ordinal \" + ordinal)",
                            RuntimeNames.WIRE_FORMAT_EXCEPTION)
                    .endControlFlow()
                    .addStatement("return values[ordinal]")
                    .build());
        }
    }

    private CodeBlock writeRepeated(WireType.Repeated repeated, WireField field) {
        String v = local(field);
        int n = field.number();
        String nullItem = owner + "." + field.name() + " holds a null item; collections that cross the wire cannot hold null";
        CodeBlock.Builder code = CodeBlock.builder().beginControlFlow("if ($N != null && !$N.isEmpty())", v, v);
        WireType element = repeated.element();
        if (element instanceof WireType.Scalar scalar && scalar.kind().packsInLists()
                || element instanceof WireType.EnumType) {
            TypeName packedElement = element instanceof WireType.EnumType ? TypeName.CHAR : packedListElement(
                    ((WireType.Scalar) element).kind());
            CodeBlock itemValue = element instanceof WireType.EnumType
                    ? CodeBlock.of("(char) $T.requireNonNull(item, $S).ordinal()", Objects.class, nullItem)
                    : CodeBlock.of("$T.requireNonNull(item, $S)", Objects.class, nullItem);
            String packedWrite = element instanceof WireType.EnumType
                    ? "packedChars" : ((WireType.Scalar) element).kind().packedListWrite();
            code.addStatement("$T packed = new $T[$N.size()]", ArrayTypeName.of(packedElement), packedElement, v)
                    .addStatement("int index = 0")
                    .beginControlFlow("for ($T item : $N)", element.javaType(), v)
                    .addStatement("packed[index++] = $L", itemValue)
                    .endControlFlow()
                    .addStatement("out.$N($L, packed)", packedWrite, n);
        } else {
            code.beginControlFlow("for ($T item : $N)", element.javaType(), v)
                    .addStatement("$T.requireNonNull(item, $S)", Objects.class, nullItem)
                    .addStatement(writeValue(element, n, CodeBlock.of("item")))
                    .endControlFlow();
        }
        return code.endControlFlow().build();
    }

    private CodeBlock readRepeated(WireType.Repeated repeated, String v, String what) {
        WireType element = repeated.element();
        CodeBlock.Builder code = CodeBlock.builder();
        if (element instanceof WireType.EnumType enumType) {
            return code.add(expect(what, "LEN"))
                    .beginControlFlow("for (char item : in.readPackedChars())")
                    .addStatement("$N.add(enumAt($N, item, $S))", v, enumValues(enumType), what)
                    .endControlFlow().build();
        }
        if (element instanceof WireType.Scalar scalar && scalar.kind().packsInLists()) {
            TypeName packedElement = packedListElement(scalar.kind());
            CodeBlock item = packedElement.equals(scalar.kind().primitive())
                    ? CodeBlock.of("item") : CodeBlock.of("($T) item", scalar.kind().primitive());
            return code.add(expect(what, "LEN"))
                    .beginControlFlow("for ($T item : in.$N())", packedElement, scalar.kind().packedListRead())
                    .addStatement("$N.add($L)", v, item)
                    .endControlFlow().build();
        }
        return code.add(expect(what, wireTypeOf(element)))
                .addStatement("$N.add($L)", v, readValue(element, what)).build();
    }

    /** Writes a value known to be present, zero included. */
    private CodeBlock writeValue(WireType type, int n, Object value) {
        return switch (type) {
            case WireType.Scalar scalar -> CodeBlock.of("out.$N($L, $L)", scalar.kind().writeMethod(), n, value);
            case WireType.EnumType ignored -> CodeBlock.of("out.enumValue($L, $L.ordinal())", n, value);
            case WireType.MessageType message ->
                    CodeBlock.of("out.message($L, $L, $T.INSTANCE)", n, value, message.codec());
            default -> throw new IllegalArgumentException("not a single value: " + type);
        };
    }

    private CodeBlock readValue(WireType type, String what) {
        return switch (type) {
            case WireType.Scalar scalar -> switch (scalar.kind()) {
                case SHORT -> CodeBlock.of("(short) in.readInt32()");
                case BYTE -> CodeBlock.of("(byte) in.readInt32()");
                case CHAR -> CodeBlock.of("(char) in.readEnum()");
                default -> CodeBlock.of("in.$N()", scalar.kind().readMethod());
            };
            case WireType.EnumType enumType ->
                    CodeBlock.of("enumAt($N, in.readEnum(), $S)", enumValues(enumType), what);
            case WireType.MessageType message -> CodeBlock.of("in.readMessage($T.INSTANCE)", message.codec());
            default -> throw new IllegalArgumentException("not a single value: " + type);
        };
    }

    private static String wireTypeOf(WireType type) {
        return switch (type) {
            case WireType.Scalar scalar -> scalar.kind().wireType();
            case WireType.EnumType ignored -> "VARINT";
            default -> "LEN";
        };
    }

    private static CodeBlock expect(String what, String wireType) {
        return CodeBlock.of("in.expectWireType(tag, $T.$N, $S);\n", RuntimeNames.WIRE_READER, wireType, what);
    }

    private static CodeBlock guarded(CodeBlock condition, Object statement) {
        return CodeBlock.builder().beginControlFlow("if ($L)", condition).addStatement("$L", statement)
                .endControlFlow().build();
    }

    private static CodeBlock nonZero(ScalarKind kind, String v) {
        return switch (kind) {
            case BOOL -> CodeBlock.of("$N", v);
            case FLOAT -> CodeBlock.of("$T.floatToRawIntBits($N) != 0", Float.class, v);
            case DOUBLE -> CodeBlock.of("$T.doubleToRawLongBits($N) != 0L", Double.class, v);
            default -> CodeBlock.of("$N != 0", v);
        };
    }

    private static CodeBlock defaultValue(WireType type) {
        return switch (type) {
            case WireType.Scalar scalar when scalar.javaType().isPrimitive() -> switch (scalar.kind()) {
                case BOOL -> CodeBlock.of("false");
                case SHORT -> CodeBlock.of("(short) 0");
                case BYTE -> CodeBlock.of("(byte) 0");
                case CHAR -> CodeBlock.of("(char) 0");
                case INT64 -> CodeBlock.of("0L");
                case FLOAT -> CodeBlock.of("0f");
                case DOUBLE -> CodeBlock.of("0d");
                default -> CodeBlock.of("0");
            };
            case WireType.Scalar scalar when scalar.kind() == ScalarKind.BYTES -> CodeBlock.of("new byte[0]");
            case WireType.PrimitiveArray array -> CodeBlock.of("new $T[0]", array.element().primitive());
            case WireType.Repeated repeated -> CodeBlock.of("new $T<>()",
                    repeated.isSet() ? LinkedHashSet.class : ArrayList.class);
            case WireType.MapType ignored -> CodeBlock.of("new $T<>()", LinkedHashMap.class);
            case WireType.OptionalType ignored -> CodeBlock.of("$T.empty()", Optional.class);
            default -> CodeBlock.of("null");
        };
    }

    /** The primitive a List of this scalar packs into: ints for the small integers. */
    private static TypeName packedListElement(ScalarKind kind) {
        return switch (kind) {
            case SHORT, BYTE -> TypeName.INT;
            default -> kind.primitive();
        };
    }

    private String enumValues(WireType.EnumType enumType) {
        helpers.add("enumAt");
        String name = enumType.javaType().canonicalName().replace('.', '_').toUpperCase(java.util.Locale.ROOT)
                + "_VALUES";
        fields.computeIfAbsent(name, ignored -> FieldSpec.builder(ArrayTypeName.of(enumType.javaType()), name,
                        Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.values()", enumType.javaType())
                .build());
        return name;
    }

    private static TypeName entryType(WireType.MapType map) {
        return ParameterizedTypeName.get(ClassName.get(Map.Entry.class), map.key().javaType().box(),
                map.value().javaType().box());
    }

    /** A codec for the entries of one map field: key as field 1, value as field 2, as protobuf's maps. */
    private String entryCodec(WireType.MapType map, WireField field) {
        String className = camelCase(owner + "." + field.name()) + "Entry";
        String constant = className.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
        if (types.containsKey(className)) {
            return constant;
        }
        TypeName entry = entryType(map);
        WireFieldCode inner = forMessage(owner + "." + field.name() + "{}");
        WireField key = new WireField("key", 1, map.key());
        WireField value = new WireField("value", 2, map.value());
        ClassName self = ClassName.get("", className);
        TypeSpec.Builder codec = TypeSpec.classBuilder(className)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(RuntimeNames.WIRE_CODEC, entry))
                .addMethod(MethodSpec.methodBuilder("write")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(RuntimeNames.WIRE_WRITER, "out")
                        .addParameter(entry, "entry")
                        .addStatement("$T $N = entry.getKey()", map.key().javaType().box(), local(key))
                        .addStatement("$T $N = entry.getValue()", map.value().javaType().box(), local(value))
                        .addCode(inner.write(new WireField("key", 1, boxed(map.key()))))
                        .addCode(inner.write(new WireField("value", 2, boxed(map.value()))))
                        .build())
                .addMethod(MethodSpec.methodBuilder("read")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(entry)
                        .addParameter(RuntimeNames.WIRE_READER, "in")
                        .addCode(inner.declareDefault(new WireField("key", 1, keyWithDefault(map.key()))))
                        .addCode(inner.declareDefault(new WireField("value", 2, boxed(map.value()))))
                        .addCode(readLoop(inner, java.util.List.of(key, value)))
                        .addStatement("return new $T<>($N, $N)", AbstractMap.SimpleImmutableEntry.class,
                                local(key), local(value))
                        .build());
        types.put(className, codec.build());
        fields.put(constant, FieldSpec.builder(self, constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("new $T()", self).build());
        return constant;
    }

    /** {@code Greeter.greet.scores{}} → {@code GreeterGreetScores}. */
    private static String camelCase(String path) {
        StringBuilder name = new StringBuilder();
        for (String part : path.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }

    /** Map keys decode to protobuf's default when absent, so they are never null. */
    private static WireType keyWithDefault(WireType.Scalar key) {
        return key.kind() == ScalarKind.STRING ? key : new WireType.Scalar(key.kind(), key.kind().primitive());
    }

    private static WireType boxed(WireType type) {
        return type instanceof WireType.Scalar scalar && scalar.javaType().isPrimitive()
                ? new WireType.Scalar(scalar.kind(), scalar.javaType().box()) : type;
    }

    /** The decoding loop over a message's fields; unknown fields are skipped. */
    static CodeBlock readLoop(WireFieldCode code, java.util.List<WireField> fields) {
        CodeBlock.Builder loop = CodeBlock.builder()
                .beginControlFlow("for (int tag = in.readTag(); tag != 0; tag = in.readTag())")
                .add("switch ($T.fieldOf(tag)) {\n", RuntimeNames.WIRE_READER).indent();
        for (WireField field : fields) {
            loop.add(code.readCase(field));
        }
        return loop.add("default -> in.skipField(tag);\n").unindent().add("}\n").endControlFlow().build();
    }
}
