package dev.trellis.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.trellis.processor.RuntimeNames;
import dev.trellis.processor.model.ApplicationModel;
import dev.trellis.processor.model.AutoscalingSettings;
import dev.trellis.processor.model.ConstructorArgument;
import dev.trellis.processor.model.DeploymentModel;
import dev.trellis.processor.model.DeploymentSettings;
import dev.trellis.processor.model.HandleParameter;
import dev.trellis.processor.model.IngressModel.Route;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes an application's graph: its deployments in dependency order, each with a factory that calls
 * the constructor directly with the handles it takes, and the ingress routes. Found at run time through
 * {@code META-INF/services}.
 */
public final class GraphWriter {

    private static final TypeName ANY_NODE = ParameterizedTypeName.get(RuntimeNames.DEPLOYMENT_NODE,
            WildcardTypeName.subtypeOf(Object.class));

    public JavaFile write(ApplicationModel application) {
        TypeSpec.Builder graph = TypeSpec.classBuilder(application.graphType())
                .addAnnotation(Generated.annotation())
                .addAnnotation(Generated.suppressDeprecation())
                .addJavadoc("The graph of application {@code $L}, declared by {@link $T}.\n",
                        application.name(), application.declaration())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeNames.APPLICATION_GRAPH)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).build())
                .addMethod(constant("name", application.name()))
                .addMethod(constant("ingress", application.ingress().name()))
                .addMethod(constant("manifestResource", application.manifestResource()))
                .addMethod(MethodSpec.methodBuilder("requestTimeout")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(java.time.Duration.class)
                        .addStatement("return $T.ofMillis($L)", java.time.Duration.class,
                                application.requestTimeoutMillis())
                        .build())
                .addMethod(nodes(application))
                .addMethod(routes(application));
        for (DeploymentModel deployment : application.deployments()) {
            graph.addMethod(node(deployment, application));
        }
        return JavaFile.builder(application.graphType().packageName(), graph.build())
                .skipJavaLangImports(true)
                .build();
    }

    private static MethodSpec constant(String name, String value) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return $S", value)
                .build();
    }

    private static MethodSpec nodes(ApplicationModel application) {
        CodeBlock.Builder nodes = CodeBlock.builder();
        for (DeploymentModel deployment : application.deployments()) {
            nodes.add(nodes.isEmpty() ? "\n$N()" : ",\n$N()", nodeMethodName(deployment));
        }
        return MethodSpec.methodBuilder("nodes")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), ANY_NODE))
                .addStatement("return $T.of($>$L$<)", List.class, nodes.build())
                .build();
    }

    private static MethodSpec routes(ApplicationModel application) {
        CodeBlock.Builder routes = CodeBlock.builder();
        for (Route route : application.ingress().ingress().orElseThrow().routes()) {
            routes.add(routes.isEmpty() ? "\n$L" : ",\n$L", route(application.ingress(), route));
        }
        return MethodSpec.methodBuilder("routes")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), RuntimeNames.INGRESS_ROUTE))
                .addStatement("return $T.of($>$L$<)", List.class, routes.build())
                .build();
    }

    private static CodeBlock route(DeploymentModel ingress, Route route) {
        CodeBlock method = CodeBlock.of("$T.$N", ingress.handleType(), route.method().constantName());
        if (route.bodyType().isPresent()) {
            TypeName token = ParameterizedTypeName.get(RuntimeNames.TYPE_TOKEN, route.bodyType().get().box());
            return CodeBlock.of("$T.post($S, $L, new $T() {})", RuntimeNames.INGRESS_ROUTE, route.path(),
                    method, token);
        }
        return CodeBlock.of("$T.withoutBody($T.$N, $S, $L)", RuntimeNames.INGRESS_ROUTE,
                RuntimeNames.HTTP_VERB, route.verb(), route.path(), method);
    }

    private static MethodSpec node(DeploymentModel deployment, ApplicationModel application) {
        DeploymentSettings settings = deployment.settings();
        CodeBlock dependencies = CodeBlock.join(deployment.handleParameters().stream()
                .map(HandleParameter::target).distinct()
                .map(target -> CodeBlock.of("$S", application.deployment(target).name()))
                .toList(), ", ");
        return MethodSpec.methodBuilder(nodeMethodName(deployment))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(RuntimeNames.DEPLOYMENT_NODE, deployment.type()))
                .addStatement("return new $T<>($>\n$S,\n$L,\n$T.of($L),\ncontext -> $L,\nnew $T(),\nnew $T())$<",
                        RuntimeNames.DEPLOYMENT_NODE, deployment.name(), spec(deployment),
                        List.class, dependencies,
                        construction(deployment, application),
                        deployment.dispatcherType(),
                        DeploymentWireWriter.wireType(deployment))
                .build();
    }

    /** The deployment's settings: a fixed replica count, or its autoscaling with the initial count it implies. */
    private static CodeBlock spec(DeploymentModel deployment) {
        DeploymentSettings settings = deployment.settings();
        CodeBlock resources = CodeBlock.of("new $T($L, $L, $LL)", RuntimeNames.RESOURCE_SPEC, settings.cpus(),
                settings.gpus(), settings.memoryMb());
        if (settings.autoscaling().isEmpty()) {
            return CodeBlock.of("new $T($L, $L, $L, $L, $L)", RuntimeNames.DEPLOYMENT_SPEC, settings.numReplicas(),
                    settings.maxOngoingRequests(), settings.maxQueuedRequests(), resources, health(deployment));
        }
        AutoscalingSettings autoscaling = settings.autoscaling().get();
        return CodeBlock.of("$T.autoscaled($>\n$T.ofMillis($L, $L, $L, $L, $LL, $LL, $LL, $L, $L, $LL, $LL),\n$L, $L, $L, $L)$<",
                RuntimeNames.DEPLOYMENT_SPEC, RuntimeNames.AUTOSCALING_SPEC, autoscaling.min(), autoscaling.max(),
                autoscaling.initial(), autoscaling.targetOngoingRequests(), autoscaling.upscaleDelayMillis(),
                autoscaling.downscaleDelayMillis(), autoscaling.downscaleToZeroDelayMillis(),
                autoscaling.upscalingFactor(), autoscaling.downscalingFactor(), autoscaling.lookBackMillis(),
                autoscaling.metricsIntervalMillis(), settings.maxOngoingRequests(), settings.maxQueuedRequests(),
                resources, health(deployment));
    }

    /** The health check timings: the {@code @HealthCheck}'s, else Ray Serve's defaults. */
    private static CodeBlock health(DeploymentModel deployment) {
        return deployment.healthCheck()
                .map(check -> CodeBlock.of("$T.ofMillis($LL, $LL)", RuntimeNames.HEALTH_SPEC, check.periodMillis(),
                        check.timeoutMillis()))
                .orElse(CodeBlock.of("$T.DEFAULT", RuntimeNames.HEALTH_SPEC));
    }

    private static CodeBlock construction(DeploymentModel deployment, ApplicationModel application) {
        CodeBlock arguments = CodeBlock.join(deployment.arguments().stream()
                .map(argument -> argument(argument, application))
                .toList(), ", ");
        return CodeBlock.of("new $T($L)", deployment.type(), arguments);
    }

    private static CodeBlock argument(ConstructorArgument argument, ApplicationModel application) {
        return switch (argument) {
            case ConstructorArgument.Handle handle -> CodeBlock.of("new $T(context.channel($S))",
                    handle.edge().handleType(), application.deployment(handle.edge().target()).name());
            case ConstructorArgument.ConfigRecord record -> CodeBlock.of("context.config($T.class)", record.type());
            case ConstructorArgument.ConfigValue value ->
                    CodeBlock.of("context.configValue($S, $T.class)", value.key(), value.type());
            case ConstructorArgument.Context ignored -> CodeBlock.of("context");
        };
    }

    private static String nodeMethodName(DeploymentModel deployment) {
        // Deployment names are unique in an application; simple class names need not be.
        return "node" + deployment.name().replaceAll("[^A-Za-z0-9]", "_");
    }
}
