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
import javax.lang.model.element.Modifier;

/**
 * Writes a deployment's dispatcher: the replica side of a call, one {@code switch} from method index
 * to a direct call of the user's method. No reflection.
 */
public final class DispatcherWriter {

    public JavaFile write(DeploymentModel deployment) {
        TypeSpec dispatcher = TypeSpec.classBuilder(deployment.dispatcherType())
                .addAnnotation(Generated.annotation())
                .addAnnotation(Generated.suppressDeprecation())
                .addOriginatingElement(deployment.source())
                .addJavadoc("Calls the methods of {@code $L} by index, as its handle numbers them.\n",
                        deployment.name())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(RuntimeNames.DISPATCHER, deployment.type()))
                .addMethod(dispatch(deployment))
                .addMethods(reconfigure(deployment))
                .addMethods(healthCheck(deployment))
                .addMethods(multiplexed(deployment))
                .build();
        return JavaFile.builder(deployment.dispatcherType().packageName(), dispatcher)
                .skipJavaLangImports(true)
                .build();
    }

    private static MethodSpec dispatch(DeploymentModel deployment) {
        MethodSpec.Builder dispatch = MethodSpec.methodBuilder("dispatch")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ClassName.OBJECT)
                .addParameter(deployment.type(), "target")
                .addParameter(int.class, "method")
                .addParameter(ArrayTypeName.of(ClassName.OBJECT), "args")
                .addException(Throwable.class);
        if (deployment.methods().stream().anyMatch(DispatcherWriter::castsUnchecked)) {
            dispatch.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "unchecked").build());
        }
        if (deployment.methods().isEmpty()) {
            return dispatch.addStatement("throw new $T($S + method)", IllegalArgumentException.class,
                    deployment.name() + " has no method with index ").build();
        }
        CodeBlock.Builder body = CodeBlock.builder().add("return switch (method) {\n").indent();
        for (MethodModel method : deployment.methods()) {
            body.add(dispatchCase(method));
        }
        body.add("default -> throw new $T($S + method);\n", IllegalArgumentException.class,
                        deployment.name() + " has no method with index ")
                .unindent()
                .add("};\n");
        return dispatch.addCode(body.build()).build();
    }

    /** The override that runs the {@code @HealthCheck} method, when there is one. */
    private static java.util.List<MethodSpec> healthCheck(DeploymentModel deployment) {
        if (deployment.healthCheck().isEmpty()) {
            return java.util.List.of();
        }
        DeploymentModel.HealthCheckModel check = deployment.healthCheck().get();
        MethodSpec.Builder method = MethodSpec.methodBuilder("checkHealth")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(boolean.class)
                .addParameter(deployment.type(), "target")
                .addException(Throwable.class);
        if (check.returnsBoolean()) {
            method.addStatement("return target.$N()", check.method());
        } else {
            method.addStatement("target.$N()", check.method()).addStatement("return true");
        }
        return java.util.List.of(method.build());
    }

    /** The overrides that load models through the {@code @Multiplexed} method, when there is one. */
    private static java.util.List<MethodSpec> multiplexed(DeploymentModel deployment) {
        if (deployment.multiplexed().isEmpty()) {
            return java.util.List.of();
        }
        DeploymentModel.MultiplexedModel loader = deployment.multiplexed().get();
        return java.util.List.of(
                MethodSpec.methodBuilder("loadModel")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ClassName.OBJECT)
                        .addParameter(deployment.type(), "target")
                        .addParameter(String.class, "modelId")
                        .addException(Throwable.class)
                        .addStatement("return target.$N(modelId)", loader.method())
                        .build(),
                MethodSpec.methodBuilder("maxModelsPerReplica")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(int.class)
                        .addStatement("return $L", loader.maxModelsPerReplica())
                        .build());
    }

    /** Overrides for the runtime to apply a new configuration in place, when there is a {@code @Reconfigure}. */
    private static java.util.List<MethodSpec> reconfigure(DeploymentModel deployment) {
        if (deployment.reconfigure().isEmpty()) {
            return java.util.List.of();
        }
        DeploymentModel.Reconfiguration reconfiguration = deployment.reconfigure().get();
        return java.util.List.of(
                MethodSpec.methodBuilder("reconfigure")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(boolean.class)
                        .addParameter(deployment.type(), "target")
                        .addParameter(ClassName.OBJECT, "config")
                        .addException(Throwable.class)
                        .addStatement("target.$N(($T) config)", reconfiguration.method(), reconfiguration.configType())
                        .addStatement("return true")
                        .build(),
                MethodSpec.methodBuilder("configType")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(ClassName.get(java.util.Optional.class),
                                ParameterizedTypeName.get(ClassName.get(Class.class),
                                        com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class))))
                        .addStatement("return $T.of($T.class)", java.util.Optional.class, reconfiguration.configType())
                        .build());
    }

    private static CodeBlock dispatchCase(MethodModel method) {
        CodeBlock.Builder arguments = CodeBlock.builder();
        for (int i = 0; i < method.parameters().size(); i++) {
            ParameterModel parameter = method.parameters().get(i);
            if (i > 0) {
                arguments.add(", ");
            }
            // A @Batch method takes the list of items the runtime gathered, where its model names one item.
            arguments.add("($T) args[$L]", method.batch().isPresent() ? method.batch().get().listType() : parameter.type(),
                    i);
        }
        if (method.returnsVoid()) {
            return CodeBlock.builder()
                    .add("case $L -> {\n", method.index()).indent()
                    .addStatement("target.$N($L)", method.name(), arguments.build())
                    .addStatement("yield null")
                    .unindent().add("}\n")
                    .build();
        }
        return CodeBlock.of("case $L -> target.$N($L);\n", method.index(), method.name(), arguments.build());
    }

    /** A cast from {@code Object} to a parameterized or type-variable type is unchecked. */
    private static boolean castsUnchecked(MethodModel method) {
        return method.batch().isPresent()
                || method.parameters().stream().map(ParameterModel::type).anyMatch(DispatcherWriter::isGeneric);
    }

    private static boolean isGeneric(TypeName type) {
        if (type instanceof ArrayTypeName array) {
            return isGeneric(array.componentType());
        }
        return type instanceof ParameterizedTypeName || type instanceof TypeVariableName;
    }
}
