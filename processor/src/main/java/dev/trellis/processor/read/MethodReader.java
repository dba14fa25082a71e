package dev.trellis.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.model.BatchModel;
import dev.trellis.processor.model.MethodModel;
import dev.trellis.processor.model.MethodModel.ParameterModel;
import dev.trellis.processor.wire.WireType;
import dev.trellis.processor.wire.WireTypeResolver;
import dev.trellis.processor.wire.WireTypeResolver.Resolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Reads the public instance methods of a deployment: each becomes a handle method, a dispatcher case
 * and an RPC, numbered in declaration order. Every parameter and result must cross the wire. An
 * overloaded method gets a wire name made of its name and its parameter types ({@code addIntInt}); two
 * overloads with the same such name are an error.
 */
final class MethodReader {

    private static final java.util.Set<String> OBJECT_METHODS = java.util.Set.of(
            "toString()", "hashCode()", "equals(java.lang.Object)", "finalize()", "clone()");

    private final Diagnostics diagnostics;
    private final WireTypeResolver wireTypes;
    private final Deferrals deferrals;
    private final javax.lang.model.util.Elements elements;

    MethodReader(Diagnostics diagnostics, WireTypeResolver wireTypes, Deferrals deferrals,
            javax.lang.model.util.Elements elements) {
        this.diagnostics = diagnostics;
        this.wireTypes = wireTypes;
        this.deferrals = deferrals;
        this.elements = elements;
    }

    /** The public instance methods of {@code type}, the element beside each model. */
    List<ReadMethod> read(TypeElement type) {
        List<ExecutableElement> served = ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(MethodReader::isServed).toList();
        Map<String, Integer> overloads = new HashMap<>();
        served.forEach(method -> overloads.merge(method.getSimpleName().toString(), 1, Integer::sum));
        String deployment = type.getSimpleName().toString();
        ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(method -> AnnotationReader.isPresent(method, AnnotationNames.IDEMPOTENT) && !isServed(method))
                .forEach(method -> diagnostics.error(
                        ErrorMessages.idempotentNotServed(deployment, method.getSimpleName().toString()), method));
        List<ReadMethod> methods = new ArrayList<>();
        Set<String> wireNames = new HashSet<>();
        for (ExecutableElement method : served) {
            String name = method.getSimpleName().toString();
            if (!method.getTypeParameters().isEmpty()) {
                diagnostics.error(ErrorMessages.genericMethod(deployment, name), method);
                continue;
            }
            String wireName = overloads.get(name) > 1 ? overloadedWireName(method) : name;
            if (!wireNames.add(wireName)) {
                diagnostics.error(ErrorMessages.overloadWireNameClash(deployment, name, wireName), method);
                continue;
            }
            model(method, deployment, wireName, methods.size())
                    .ifPresent(model -> methods.add(new ReadMethod(model, method)));
        }
        return methods;
    }

    /**
     * Public instance methods are served, but for the {@code @Reconfigure}, {@code @HealthCheck} and
     * {@code @Multiplexed} ones, which only the runtime calls, and overrides of {@code Object}'s methods, which every object
     * has.
     */
    static boolean isServed(ExecutableElement method) {
        return method.getModifiers().contains(Modifier.PUBLIC)
                && !method.getModifiers().contains(Modifier.STATIC)
                && !AnnotationReader.isPresent(method, AnnotationNames.RECONFIGURE)
                && !AnnotationReader.isPresent(method, AnnotationNames.HEALTH_CHECK)
                && !AnnotationReader.isPresent(method, AnnotationNames.MULTIPLEXED)
                && !OBJECT_METHODS.contains(signature(method));
    }

    private static String signature(ExecutableElement method) {
        StringBuilder signature = new StringBuilder(method.getSimpleName()).append('(');
        for (int i = 0; i < method.getParameters().size(); i++) {
            signature.append(i > 0 ? "," : "").append(method.getParameters().get(i).asType());
        }
        return signature.append(')').toString();
    }

    private Optional<MethodModel> model(ExecutableElement method, String deployment, String wireName, int index) {
        Optional<AnnotationReader> batch = AnnotationReader.find(method, AnnotationNames.BATCH, elements);
        if (batch.isPresent()) {
            return batchModel(method, deployment, wireName, index, batch.get());
        }
        String where = deployment + "." + method.getSimpleName();
        boolean valid = true;
        List<ParameterModel> parameters = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            Optional<WireType> wire = wireType(parameter.asType(),
                    "Parameter '" + parameter.getSimpleName() + "' of " + where, parameter, method);
            valid &= wire.isPresent();
            wire.ifPresent(type -> parameters.add(new ParameterModel(parameter.getSimpleName().toString(),
                    TypeName.get(parameter.asType()), type)));
        }
        boolean returnsVoid = method.getReturnType().getKind() == TypeKind.VOID;
        boolean streaming = isStream(method.getReturnType());
        TypeMirror resultType = method.getReturnType();
        if (streaming) {
            Optional<TypeMirror> item = typeArgument(method.getReturnType());
            if (item.isEmpty()) {
                diagnostics.error(ErrorMessages.streamItemType(deployment, method.getSimpleName().toString(),
                        method.getReturnType().toString()), method);
                return Optional.empty();
            }
            resultType = item.get();
        }
        Optional<WireType> resultWire = Optional.empty();
        if (!returnsVoid) {
            resultWire = wireType(resultType, (streaming ? "Items of the result of " : "Result of ") + where, method,
                    method);
            valid &= resultWire.isPresent();
        }
        if (!valid) {
            return Optional.empty();
        }
        TypeName result = returnsVoid ? ClassName.get(Void.class) : TypeName.get(resultType).box();
        return Optional.of(new MethodModel(method.getSimpleName().toString(), wireName, index, result, returnsVoid,
                parameters, resultWire, AnnotationReader.isPresent(method, AnnotationNames.IDEMPOTENT), Optional.empty(),
                streaming));
    }

    /**
     * A {@code @Batch} method, {@code List<R> m(List<T> items)}, as its handle and the wire see it: one
     * {@code T} in, one {@code R} out.
     */
    private Optional<MethodModel> batchModel(ExecutableElement method, String deployment, String wireName, int index,
            AnnotationReader batch) {
        String name = method.getSimpleName().toString();
        Optional<TypeMirror> item = method.getParameters().size() == 1
                ? listElement(method.getParameters().get(0).asType()) : Optional.empty();
        Optional<TypeMirror> resultItem = listElement(method.getReturnType());
        if (isStream(method.getReturnType())) {
            diagnostics.error(ErrorMessages.batchStreaming(deployment, name), method, batch.mirror(), null);
            return Optional.empty();
        }
        if (item.isEmpty() || resultItem.isEmpty()) {
            diagnostics.error(ErrorMessages.batchSignature(deployment, name), method, batch.mirror(), null);
            return Optional.empty();
        }
        int maxSize = (Integer) batch.value("maxSize");
        long maxWaitMillis = (Long) batch.value("maxWaitMillis");
        int maxConcurrentBatches = (Integer) batch.value("maxConcurrentBatches");
        boolean valid = checkSetting(batch, "maxSize", maxSize >= 1, maxSize, "a batch holds at least 1 call");
        valid &= checkSetting(batch, "maxWaitMillis", maxWaitMillis >= 0, maxWaitMillis, "a wait is not negative");
        valid &= checkSetting(batch, "maxConcurrentBatches", maxConcurrentBatches >= 1, maxConcurrentBatches,
                "a replica runs at least 1 batch at a time");
        VariableElement parameter = method.getParameters().get(0);
        String where = deployment + "." + name;
        Optional<WireType> itemWire = wireType(item.get(), "Items of parameter '" + parameter.getSimpleName() + "' of "
                + where, parameter, method);
        Optional<WireType> resultWire = wireType(resultItem.get(), "Result items of " + where, method, method);
        if (!valid || itemWire.isEmpty() || resultWire.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MethodModel(name, wireName, index, TypeName.get(resultItem.get()).box(), false,
                List.of(new ParameterModel(parameter.getSimpleName().toString(), TypeName.get(item.get()),
                        itemWire.get())),
                resultWire, AnnotationReader.isPresent(method, AnnotationNames.IDEMPOTENT),
                Optional.of(new BatchModel(maxSize, maxWaitMillis, maxConcurrentBatches,
                        TypeName.get(parameter.asType()))), false));
    }

    /** {@code T} of a {@code java.util.List<T>} with a plain (not wildcard) element type. */
    private static Optional<TypeMirror> listElement(TypeMirror type) {
        if (!isDeclared(type, "java.util.List")) {
            return Optional.empty();
        }
        return typeArgument(type);
    }

    /** Whether the method returns a {@code java.util.stream.Stream}: it streams its items. */
    private static boolean isStream(TypeMirror type) {
        return isDeclared(type, "java.util.stream.Stream");
    }

    private static boolean isDeclared(TypeMirror type, String qualifiedName) {
        return type instanceof DeclaredType declared
                && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(qualifiedName);
    }

    /** The one type argument of a generic type, if it is a class or an array (not raw, not a wildcard). */
    private static Optional<TypeMirror> typeArgument(TypeMirror type) {
        DeclaredType declared = (DeclaredType) type;
        if (declared.getTypeArguments().size() != 1) {
            return Optional.empty();
        }
        TypeMirror element = declared.getTypeArguments().get(0);
        return element.getKind() == TypeKind.DECLARED || element.getKind() == TypeKind.ARRAY
                ? Optional.of(element) : Optional.empty();
    }

    private boolean checkSetting(AnnotationReader batch, String setting, boolean valid, Object found, String rule) {
        if (!valid) {
            diagnostics.error(ErrorMessages.invalidSetting("@Batch(" + setting + ")", String.valueOf(found), rule),
                    batch.element(), batch.mirror(), batch.written(setting).orElse(null));
        }
        return valid;
    }

    private Optional<WireType> wireType(TypeMirror type, String where, Element element, ExecutableElement method) {
        Resolution resolution = wireTypes.resolve(type);
        if (resolution.unresolved()) {
            // A type another processor may generate in a later round; javac reports it if it never comes.
            if (!deferrals.isLastRound()) {
                deferrals.defer(((TypeElement) method.getEnclosingElement())
                        .getQualifiedName().toString());
            }
            return Optional.empty();
        }
        resolution.error().ifPresent(error -> diagnostics.error(
                ErrorMessages.wireType(where, error.path(), error.type(), error.reason()), element));
        return resolution.type();
    }

    /** {@code add(int, int)} → {@code addIntInt}; {@code put(List<Item>)} → {@code putListItem}. */
    private static String overloadedWireName(ExecutableElement method) {
        StringBuilder name = new StringBuilder(method.getSimpleName());
        for (VariableElement parameter : method.getParameters()) {
            appendTypeName(name, parameter.asType());
        }
        return name.toString();
    }

    private static void appendTypeName(StringBuilder name, TypeMirror type) {
        switch (type.getKind()) {
            case ARRAY -> {
                appendTypeName(name, ((ArrayType) type).getComponentType());
                name.append("Array");
            }
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                name.append(declared.asElement().getSimpleName());
                declared.getTypeArguments().forEach(argument -> appendTypeName(name, argument));
            }
            default -> {
                String primitive = type.toString();
                name.append(primitive.substring(0, 1).toUpperCase(Locale.ROOT)).append(primitive.substring(1));
            }
        }
    }

    /**
     * A method's model with the element it was read from, which the ingress reader reports on.
     *
     * @param model the model
     * @param element the method
     */
    record ReadMethod(MethodModel model, ExecutableElement element) {}
}
