package dev.trellis.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.trellis.processor.RuntimeNames;
import dev.trellis.processor.model.BatchModel;
import dev.trellis.processor.model.DeploymentModel;
import dev.trellis.processor.model.MethodModel;
import dev.trellis.processor.model.MethodModel.ParameterModel;
import javax.lang.model.element.Modifier;

/**
 * Writes a deployment's handle: the typed client other deployments take in their constructors. One
 * {@code DeploymentMethod} constant and one method per deployment method; each method starts a call
 * and returns a {@code DeploymentResponse} at once.
 */
public final class HandleWriter {

    public JavaFile write(DeploymentModel deployment) {
        TypeSpec.Builder handle = TypeSpec.classBuilder(deployment.handleType())
                .addAnnotation(Generated.annotation())
                .addAnnotation(Generated.suppressDeprecation())
                .addOriginatingElement(deployment.source())
                .addJavadoc("Calls the replicas of the {@code $L} deployment, {@link $T}.\n", deployment.name(),
                        deployment.type())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(RuntimeNames.DEPLOYMENT_HANDLE);
        for (MethodModel method : deployment.methods()) {
            handle.addField(methodConstant(deployment, method));
        }
        boolean multiplexed = deployment.multiplexed().isPresent();
        if (multiplexed) {
            // Its own copy of the channel, for withModelId: a user method may be called channel().
            handle.addField(RuntimeNames.DEPLOYMENT_CHANNEL, "channel", Modifier.PRIVATE, Modifier.FINAL);
        }
        handle.addMethod(constructor(multiplexed));
        if (multiplexed) {
            handle.addMethod(MethodSpec.methodBuilder("withModelId")
                    .addJavadoc("The same handle, with every call addressed to the model {@code modelId}: a replica that\n"
                            + "holds it if one has room, else one that loads it.\n"
                            + "\n@throws IllegalArgumentException if {@code modelId} is not 1 to 256 printable ASCII characters\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(deployment.handleType())
                    .addParameter(String.class, "modelId")
                    .addStatement("return new $T($T.channel(this.channel, modelId))", deployment.handleType(),
                            RuntimeNames.MULTIPLEXING)
                    .build());
        }
        for (MethodModel method : deployment.methods()) {
            handle.addMethod(callMethod(method));
            if (!method.parameters().isEmpty() && method.wireName().equals(method.name()) && !method.streaming()) {
                handle.addMethod(chainedCallMethod(method));
            }
        }
        return JavaFile.builder(deployment.handleType().packageName(), handle.build())
                .skipJavaLangImports(true)
                .build();
    }

    private static FieldSpec methodConstant(DeploymentModel deployment, MethodModel method) {
        return FieldSpec.builder(
                        ParameterizedTypeName.get(RuntimeNames.DEPLOYMENT_METHOD, method.resultType()),
                        method.constantName(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .initializer(constant(deployment, method))
                .build();
    }

    /** {@code new DeploymentMethod<>("Greeter", "greet", 0)}, with the flags only when they are set. */
    private static CodeBlock constant(DeploymentModel deployment, MethodModel method) {
        if (method.batch().isPresent()) {
            BatchModel batch = method.batch().get();
            return CodeBlock.of("new $T<>($S, $S, $L, $L, new $T($L, $LL, $L))", RuntimeNames.DEPLOYMENT_METHOD,
                    deployment.name(), method.wireName(), method.index(), method.idempotent(), RuntimeNames.BATCH_SPEC,
                    batch.maxSize(), batch.maxWaitMillis(), batch.maxConcurrentBatches());
        }
        if (method.streaming()) {
            return CodeBlock.of("new $T<>($S, $S, $L, $L, null, true)", RuntimeNames.DEPLOYMENT_METHOD,
                    deployment.name(), method.wireName(), method.index(), method.idempotent());
        }
        return method.idempotent()
                ? CodeBlock.of("new $T<>($S, $S, $L, true)", RuntimeNames.DEPLOYMENT_METHOD, deployment.name(),
                        method.wireName(), method.index())
                : CodeBlock.of("new $T<>($S, $S, $L)", RuntimeNames.DEPLOYMENT_METHOD, deployment.name(),
                        method.wireName(), method.index());
    }

    private static MethodSpec constructor(boolean keepsChannel) {
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.DEPLOYMENT_CHANNEL, "channel")
                .addStatement("super(channel)");
        if (keepsChannel) {
            constructor.addStatement("this.channel = channel");
        }
        return constructor.build();
    }

    /**
     * The same call taking responses as arguments (Ray Serve's passing a response to another call): it is
     * sent as soon as all of them resolve, without blocking the caller. Overloaded methods have none,
     * since the overloads would erase to the same signature.
     */
    private static MethodSpec chainedCallMethod(MethodModel method) {
        MethodSpec.Builder call = MethodSpec.methodBuilder(method.name())
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(RuntimeNames.DEPLOYMENT_RESPONSE, method.resultType()));
        CodeBlock.Builder inputs = CodeBlock.builder();
        CodeBlock.Builder values = CodeBlock.builder();
        for (ParameterModel parameter : method.parameters()) {
            call.addParameter(ParameterizedTypeName.get(RuntimeNames.DEPLOYMENT_RESPONSE, parameter.type().box()),
                    parameter.name());
            if (!inputs.isEmpty()) {
                inputs.add(", ");
                values.add(", ");
            }
            inputs.add("$N", parameter.name());
            values.add("$N.join()", parameter.name());
        }
        String ready = "ready";
        while (isParameterName(method, ready)) {
            ready = ready + "_";
        }
        return call.addStatement("return $T.whenAll($L).thenCompose($N -> $N($L))",
                        RuntimeNames.DEPLOYMENT_RESPONSE, inputs.build(), ready, method.name(), values.build())
                .build();
    }

    private static boolean isParameterName(MethodModel method, String name) {
        return method.parameters().stream().anyMatch(parameter -> parameter.name().equals(name));
    }

    /**
     * Starts a call: a {@code DeploymentResponse} of the result, or for a streaming method, a
     * {@code DeploymentStream} of its items.
     */
    private static MethodSpec callMethod(MethodModel method) {
        MethodSpec.Builder call = MethodSpec.methodBuilder(method.name())
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(method.streaming() ? RuntimeNames.DEPLOYMENT_STREAM
                        : RuntimeNames.DEPLOYMENT_RESPONSE, method.resultType()));
        CodeBlock.Builder arguments = CodeBlock.builder();
        for (ParameterModel parameter : method.parameters()) {
            call.addParameter(parameter.type(), parameter.name());
            if (!arguments.isEmpty()) {
                arguments.add(", ");
            }
            arguments.add("$N", parameter.name());
        }
        return call.addStatement("return $L($N, new Object[] {$L})", method.streaming() ? "stream" : "call",
                        method.constantName(), arguments.build())
                .build();
    }
}
