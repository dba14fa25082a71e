package dev.trellis.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.trellis.processor.RuntimeNames;
import dev.trellis.processor.model.ApplicationModel;
import dev.trellis.processor.model.DeploymentModel;
import dev.trellis.processor.model.MethodModel;
import dev.trellis.processor.model.MethodModel.ParameterModel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <App>Client} beside the application class: the typed client with which another program
 * calls the application's ingress over gRPC. Per public method of the ingress it has a blocking method
 * and an {@code …Async} one, each a single call into the runtime's {@code ApplicationClient}, which
 * holds the logic, so the generated file stays small.
 *
 * <p>A method whose name is taken by the client's own members ({@code close}, {@code connect},
 * {@code withDeadline}, {@code deadline}, {@code Object}'s methods) is left out rather than made to
 * shadow them, and so is the async variant of {@code m} when the ingress also has a method
 * {@code mAsync}; the class's Javadoc lists what was left out.
 */
public final class ClientWriter {

    private static final Set<String> RESERVED = Set.of("connect", "withDeadline", "deadline", "close",
            "toString", "hashCode", "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");

    /** The generated class, {@code <SimpleName>Client} beside the application class. */
    public static ClassName clientType(ApplicationModel application) {
        return application.declaration().peerClass(application.declaration().simpleName() + "Client");
    }

    public JavaFile write(ApplicationModel application) {
        ClassName client = clientType(application);
        DeploymentModel ingress = application.ingress();
        TypeSpec.Builder type = TypeSpec.classBuilder(client)
                .addAnnotation(Generated.annotation())
                .addAnnotation(Generated.suppressDeprecation())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(RuntimeNames.APPLICATION_CLIENT)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(RuntimeNames.REMOTE_REPLICA, "ingress")
                        .addStatement("super(ingress)")
                        .build())
                .addMethod(connect(application, client))
                .addMethod(withDeadline(client))
                .addJavadoc("Calls application {@code $L} from another program, over gRPC: the methods of its\n"
                        + "ingress, {@link $T}. Thread-safe; {@link #close()} it when done.\n",
                        application.name(), ingress.type());
        Set<String> leftOut = addCallMethods(type, ingress);
        if (!leftOut.isEmpty()) {
            type.addJavadoc("\n<p>Not generated, as their names are taken by the client's own members or by\n"
                    + "another ingress method: $L.\n", String.join(", ", leftOut));
        }
        return JavaFile.builder(client.packageName(), type.build()).skipJavaLangImports(true).build();
    }

    /** Adds the blocking and async method of each ingress method; returns what it left out. */
    private static Set<String> addCallMethods(TypeSpec.Builder type, DeploymentModel ingress) {
        Set<String> names = new TreeSet<>();
        ingress.methods().forEach(method -> names.add(method.name()));
        Set<String> leftOut = new TreeSet<>();
        for (MethodModel method : ingress.methods()) {
            if (RESERVED.contains(method.name())) {
                leftOut.add(method.name());
                continue;
            }
            if (method.streaming()) {
                type.addMethod(streaming(ingress, method)); // reading a stream never blocks its start
                continue;
            }
            type.addMethod(blocking(ingress, method));
            if (names.contains(method.name() + "Async")) {
                leftOut.add(method.name() + "Async for " + method.name());
            } else {
                type.addMethod(async(ingress, method));
            }
        }
        return leftOut;
    }

    private static MethodSpec connect(ApplicationModel application, ClassName client) {
        return MethodSpec.methodBuilder("connect")
                .addJavadoc("Connects to a server of {@code $L} at {@code target}, {@code \"host:port\"}; the\n"
                        + "connection is made at the first call and kept. Each call has the\n"
                        + "{@link #DEFAULT_DEADLINE} unless {@link #withDeadline} says otherwise.\n"
                        + "\n@throws IllegalArgumentException if {@code target} is not {@code \"host:port\"}\n",
                        application.name())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(client)
                .addParameter(String.class, "target")
                .addStatement("return new $T(connectIngress(target, $S, $S, new $T()))", client, application.name(),
                        application.ingress().name(), DeploymentWireWriter.wireType(application.ingress()))
                .build();
    }

    private static MethodSpec withDeadline(ClassName client) {
        return MethodSpec.methodBuilder("withDeadline")
                .addJavadoc("A copy whose calls each have {@code deadline}; it shares this client's connection.\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(client)
                .addParameter(Duration.class, "deadline")
                .addStatement("return new $T(ingressWithDeadline(deadline))", client)
                .build();
    }

    private static MethodSpec blocking(DeploymentModel ingress, MethodModel method) {
        MethodSpec.Builder call = MethodSpec.methodBuilder(method.name())
                .addJavadoc("Calls {@code $L.$L} and waits for its answer, at most until the deadline.\n",
                        ingress.name(), method.name())
                .addModifiers(Modifier.PUBLIC)
                .addParameters(parameters(method));
        if (method.returnsVoid()) {
            return call.addStatement("call($L)", arguments(ingress, method)).build();
        }
        return call.returns(method.resultType()).addStatement("return call($L)", arguments(ingress, method)).build();
    }

    private static MethodSpec streaming(DeploymentModel ingress, MethodModel method) {
        return MethodSpec.methodBuilder(method.name())
                .addJavadoc("Starts a call of {@code $L.$L}; its items arrive as they are produced, within the deadline.\n",
                        ingress.name(), method.name())
                .addModifiers(Modifier.PUBLIC)
                .addParameters(parameters(method))
                .returns(ParameterizedTypeName.get(RuntimeNames.DEPLOYMENT_STREAM, method.resultType()))
                .addStatement("return stream($L)", arguments(ingress, method))
                .build();
    }

    private static MethodSpec async(DeploymentModel ingress, MethodModel method) {
        return MethodSpec.methodBuilder(method.name() + "Async")
                .addJavadoc("Starts a call of {@code $L.$L} and returns at once.\n", ingress.name(), method.name())
                .addModifiers(Modifier.PUBLIC)
                .addParameters(parameters(method))
                .returns(ParameterizedTypeName.get(RuntimeNames.DEPLOYMENT_RESPONSE, method.resultType()))
                .addStatement("return callAsync($L)", arguments(ingress, method))
                .build();
    }

    private static List<ParameterSpec> parameters(MethodModel method) {
        return method.parameters().stream()
                .map(parameter -> ParameterSpec.builder(parameter.type(), parameter.name()).build())
                .toList();
    }

    private static CodeBlock arguments(DeploymentModel ingress, MethodModel method) {
        CodeBlock values = CodeBlock.join(method.parameters().stream()
                .map(ParameterModel::name).map(name -> CodeBlock.of("$N", name)).toList(), ", ");
        return CodeBlock.of("$T.$N, new $T[] {$L}", ingress.handleType(), method.constantName(), ClassName.OBJECT,
                values);
    }
}
