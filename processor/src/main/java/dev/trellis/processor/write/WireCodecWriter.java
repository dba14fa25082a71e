package dev.trellis.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.trellis.processor.RuntimeNames;
import dev.trellis.processor.wire.WireDefinition;
import dev.trellis.processor.wire.WireDefinition.RecordDefinition;
import dev.trellis.processor.wire.WireDefinition.SealedDefinition;
import dev.trellis.processor.wire.WireDefinition.WireField;
import dev.trellis.processor.wire.WireType;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes the codec of a record ({@code <Record>WireCodec}: one protobuf field per component) or of a
 * sealed interface of records (one field per permitted record, a {@code oneof}). Enums need no codec
 * of their own: they travel as their ordinal.
 */
public final class WireCodecWriter {

    public JavaFile write(WireDefinition definition) {
        ClassName codec = WireType.MessageType.codecOf(definition.type());
        TypeSpec.Builder type = TypeSpec.classBuilder(codec)
                .addAnnotation(Generated.annotation())
                .addAnnotation(Generated.suppressDeprecation())
                .addJavadoc("Encodes {@link $T} in protobuf's wire format.\n", definition.type())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(RuntimeNames.WIRE_CODEC, definition.type()))
                .addField(com.palantir.javapoet.FieldSpec.builder(codec, "INSTANCE",
                                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .initializer("new $T()", codec).build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        switch (definition) {
            case RecordDefinition record -> addRecordMethods(type, record);
            case SealedDefinition sealed -> addSealedMethods(type, sealed);
            case WireDefinition.EnumDefinition ignored ->
                    throw new IllegalArgumentException("enums have no codec: " + definition.type());
        }
        return JavaFile.builder(codec.packageName(), type.build()).skipJavaLangImports(true).build();
    }

    private static void addRecordMethods(TypeSpec.Builder type, RecordDefinition record) {
        WireFieldCode fields = new WireFieldCode(record.type().simpleName());
        MethodSpec.Builder write = writeMethod(record.type());
        for (WireField field : record.fields()) {
            write.addStatement("$T $N = value.$N()", field.type().javaType(), WireFieldCode.local(field), field.name());
            write.addCode(fields.write(field));
        }
        MethodSpec.Builder read = readMethod(record.type());
        for (WireField field : record.fields()) {
            read.addCode(fields.declareDefault(field));
        }
        read.addCode(WireFieldCode.readLoop(fields, record.fields()));
        read.addStatement("return new $T($L)", record.type(), record.fields().stream()
                .map(WireFieldCode::local).collect(Collectors.joining(", ")));
        type.addMethod(write.build()).addMethod(read.build());
        fields.addSupportTo(type);
    }

    private static void addSealedMethods(TypeSpec.Builder type, SealedDefinition sealed) {
        CodeBlock.Builder cases = CodeBlock.builder().add("switch (value) {\n").indent();
        for (int i = 0; i < sealed.variants().size(); i++) {
            ClassName variant = sealed.variants().get(i);
            cases.addStatement("case $T variant -> out.message($L, variant, $T.INSTANCE)", variant, i + 1,
                    WireType.MessageType.codecOf(variant));
        }
        cases.unindent().add("}\n");
        CodeBlock.Builder loop = CodeBlock.builder()
                .addStatement("$T value = null", sealed.type())
                .beginControlFlow("for (int tag = in.readTag(); tag != 0; tag = in.readTag())")
                .add("switch ($T.fieldOf(tag)) {\n", RuntimeNames.WIRE_READER).indent();
        for (int i = 0; i < sealed.variants().size(); i++) {
            ClassName variant = sealed.variants().get(i);
            loop.add("case $L -> {\n", i + 1).indent()
                    .addStatement("in.expectWireType(tag, $T.LEN, $S)", RuntimeNames.WIRE_READER,
                            sealed.type().simpleName() + "|" + variant.simpleName())
                    .addStatement("value = in.readMessage($T.INSTANCE)", WireType.MessageType.codecOf(variant))
                    .unindent().add("}\n");
        }
        loop.add("default -> in.skipField(tag);\n").unindent().add("}\n").endControlFlow()
                .beginControlFlow("if (value == null)")
                .addStatement("throw new $T($S)", RuntimeNames.WIRE_FORMAT_EXCEPTION,
                        sealed.type().simpleName() + " holds none of its variants")
                .endControlFlow()
                .addStatement("return value");
        MethodSpec.Builder read = readMethod(sealed.type()).addCode(loop.build());
        type.addMethod(writeMethod(sealed.type()).addCode(cases.build()).build()).addMethod(read.build());
    }

    private static MethodSpec.Builder writeMethod(ClassName valueType) {
        return MethodSpec.methodBuilder("write")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.WIRE_WRITER, "out")
                .addParameter(valueType, "value");
    }

    private static MethodSpec.Builder readMethod(ClassName valueType) {
        return MethodSpec.methodBuilder("read")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(valueType)
                .addParameter(RuntimeNames.WIRE_READER, "in");
    }
}
