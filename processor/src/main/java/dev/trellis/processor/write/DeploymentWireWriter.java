package dev.trellis.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.trellis.processor.RuntimeNames;
import dev.trellis.processor.model.DeploymentModel;
import dev.trellis.processor.model.MethodModel;
import dev.trellis.processor.model.MethodModel.ParameterModel;
import dev.trellis.processor.wire.WireDefinition.WireField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Deployment>Wire}: each method's arguments as a request message (one field per
 * parameter, numbered from 1) and its result as a response message (field 1), as the application's
 * {@code .proto} declares them.
 */
public final class DeploymentWireWriter {

    private static final ClassName OBJECT = ClassName.OBJECT;
    private static final TypeName OBJECTS = ArrayTypeName.of(OBJECT);

    public JavaFile write(DeploymentModel deployment) {
        ClassName wire = wireType(deployment);
        WireFieldCode support = new WireFieldCode(deployment.name());
        TypeSpec.Builder type = TypeSpec.classBuilder(wire)
                .addAnnotation(Generated.annotation())
                .addAnnotation(Generated.suppressDeprecation())
                .addOriginatingElement(deployment.source())
                .addJavadoc("The request and response messages of {@code $L}'s methods.\n", deployment.name())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeNames.DEPLOYMENT_WIRE)
                .addMethod(methods(deployment))
                .addMethod(dispatch(deployment, "encodeRequest", ArrayTypeName.of(TypeName.BYTE),
                        OBJECTS, "args", method -> CodeBlock.of("return $N(args)", methodName(method, "writeRequest"))))
                .addMethod(dispatch(deployment, "decodeRequest", OBJECTS, ArrayTypeName.of(TypeName.BYTE), "bytes",
                        method -> CodeBlock.of("return $N(new $T(bytes))", methodName(method, "readRequest"),
                                RuntimeNames.WIRE_READER)))
                .addMethod(dispatch(deployment, "encodeResponse", ArrayTypeName.of(TypeName.BYTE), OBJECT, "result",
                        method -> CodeBlock.of("return $N(result)", methodName(method, "writeResponse"))))
                .addMethod(dispatch(deployment, "decodeResponse", OBJECT, ArrayTypeName.of(TypeName.BYTE), "bytes",
                        method -> CodeBlock.of("return $N(new $T(bytes))", methodName(method, "readResponse"),
                                RuntimeNames.WIRE_READER)));
        for (MethodModel method : deployment.methods()) {
            // Each message names its own support members (map entry codecs), so overloads and a
            // parameter named like the result never share one.
            WireFieldCode requestFields = support.forMessage(deployment.name() + "." + method.wireName() + "(request)");
            WireFieldCode responseFields = support.forMessage(deployment.name() + "." + method.wireName() + "(response)");
            List<WireField> request = requestFields(method);
            type.addMethod(writeRequest(method, request, requestFields))
                    .addMethod(readRequest(method, request, requestFields))
                    .addMethod(writeResponse(method, responseFields))
                    .addMethod(readResponse(method, responseFields));
        }
        support.addSupportTo(type);
        return JavaFile.builder(wire.packageName(), type.build()).skipJavaLangImports(true).build();
    }

    private static MethodSpec methods(DeploymentModel deployment) {
        CodeBlock constants = CodeBlock.join(deployment.methods().stream()
                .map(method -> CodeBlock.of("$T.$N", deployment.handleType(), method.constantName()))
                .toList(), ", ");
        return MethodSpec.methodBuilder("methods")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), ParameterizedTypeName.get(
                        RuntimeNames.DEPLOYMENT_METHOD, com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class))))
                .addStatement("return $T.of($L)", List.class, constants)
                .build();
    }

    /** The generated class, {@code <SimpleName>Wire} beside the deployment. */
    public static ClassName wireType(DeploymentModel deployment) {
        return deployment.type().peerClass(deployment.type().simpleName() + "Wire");
    }

    /** The request message's fields: the parameters, numbered from 1. */
    public static List<WireField> requestFields(MethodModel method) {
        List<WireField> fields = new ArrayList<>();
        for (ParameterModel parameter : method.parameters()) {
            fields.add(new WireField(parameter.name(), fields.size() + 1, parameter.wire()));
        }
        return fields;
    }

    private static MethodSpec dispatch(DeploymentModel deployment, String name, TypeName returns, TypeName input,
            String inputName, Function<MethodModel, CodeBlock> call) {
        CodeBlock.Builder body = CodeBlock.builder().add("switch (method) {\n").indent();
        for (MethodModel method : deployment.methods()) {
            body.add("case $L -> {\n", method.index()).indent().addStatement(call.apply(method)).unindent().add("}\n");
        }
        body.add("default -> throw new $T($S + method);\n", IllegalArgumentException.class,
                deployment.name() + " has no method with index ").unindent().add("}\n");
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(returns)
                .addParameter(int.class, "method")
                .addParameter(input, inputName)
                .addCode(body.build())
                .build();
    }

    private static MethodSpec writeRequest(MethodModel method, List<WireField> request, WireFieldCode fields) {
        MethodSpec.Builder write = MethodSpec.methodBuilder(methodName(method, "writeRequest"))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(ArrayTypeName.of(TypeName.BYTE))
                .addParameter(OBJECTS, "args")
                .addStatement("$T out = new $T()", RuntimeNames.WIRE_WRITER, RuntimeNames.WIRE_WRITER);
        for (int i = 0; i < request.size(); i++) {
            WireField field = request.get(i);
            write.addStatement("$T $N = ($T) args[$L]", field.type().javaType(), WireFieldCode.local(field),
                    field.type().javaType().box(), i);
            write.addCode(fields.write(field));
        }
        suppressUncheckedCasts(write, request);
        return write.addStatement("return out.toByteArray()").build();
    }

    private static MethodSpec readRequest(MethodModel method, List<WireField> request, WireFieldCode fields) {
        MethodSpec.Builder read = MethodSpec.methodBuilder(methodName(method, "readRequest"))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(OBJECTS)
                .addParameter(RuntimeNames.WIRE_READER, "in");
        for (WireField field : request) {
            read.addCode(fields.declareDefault(field));
        }
        read.addCode(WireFieldCode.readLoop(fields, request));
        return read.addStatement("return new Object[] {$L}",
                request.stream().map(WireFieldCode::local).collect(Collectors.joining(", "))).build();
    }

    private static MethodSpec writeResponse(MethodModel method, WireFieldCode fields) {
        MethodSpec.Builder write = MethodSpec.methodBuilder(methodName(method, "writeResponse"))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(ArrayTypeName.of(TypeName.BYTE))
                .addParameter(OBJECT, "result")
                .addStatement("$T out = new $T()", RuntimeNames.WIRE_WRITER, RuntimeNames.WIRE_WRITER);
        if (method.resultWire().isPresent()) {
            WireField field = new WireField("value", 1, method.resultWire().get());
            write.addStatement("$T $N = ($T) result", field.type().javaType(), WireFieldCode.local(field),
                    field.type().javaType().box());
            write.addCode(fields.write(field));
            suppressUncheckedCasts(write, List.of(field));
        }
        return write.addStatement("return out.toByteArray()").build();
    }

    private static MethodSpec readResponse(MethodModel method, WireFieldCode fields) {
        MethodSpec.Builder read = MethodSpec.methodBuilder(methodName(method, "readResponse"))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(OBJECT)
                .addParameter(RuntimeNames.WIRE_READER, "in");
        if (method.resultWire().isEmpty()) {
            return read.beginControlFlow("for (int tag = in.readTag(); tag != 0; tag = in.readTag())")
                    .addStatement("in.skipField(tag)")
                    .endControlFlow()
                    .addStatement("return null").build();
        }
        WireField field = new WireField("value", 1, method.resultWire().get());
        return read.addCode(fields.declareDefault(field))
                .addCode(WireFieldCode.readLoop(fields, List.of(field)))
                .addStatement("return $N", WireFieldCode.local(field))
                .build();
    }

    private static void suppressUncheckedCasts(MethodSpec.Builder method, List<WireField> fields) {
        boolean unchecked = fields.stream().map(field -> field.type().javaType())
                .anyMatch(type -> type instanceof ParameterizedTypeName || type instanceof TypeVariableName);
        if (unchecked) {
            method.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "unchecked").build());
        }
    }

    private static String methodName(MethodModel method, String prefix) {
        return prefix + method.wireName().substring(0, 1).toUpperCase(Locale.ROOT) + method.wireName().substring(1);
    }
}
