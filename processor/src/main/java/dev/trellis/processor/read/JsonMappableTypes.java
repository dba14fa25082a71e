package dev.trellis.processor.read;

import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Checks that Jackson can create an ingress body from JSON: JSON values (primitives and their boxes,
 * strings, enums, numbers, {@code java.time} types, UUIDs, {@code byte[]}), arrays, lists, sets and
 * collections of them, maps with String or enum keys, {@code Optional}s, records made of them
 * (recursively), and concrete classes with a public no-argument constructor, which Jackson fills through
 * their setters. Everything else is reported with its path from the body's type, such as
 * {@code OrderRequest.items[].shape}: {@code []} is an element, {@code {}} a map value.
 */
final class JsonMappableTypes {

    private static final Set<String> VALUE_TYPES = Set.of(
            "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Byte",
            "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.math.BigDecimal", "java.math.BigInteger", "java.util.UUID");
    private static final Set<String> COLLECTIONS = Set.of(
            "java.util.List", "java.util.Set", "java.util.Collection");
    private static final String MAP = "java.util.Map";
    private static final String OPTIONAL = "java.util.Optional";
    private static final String OBJECT = "java.lang.Object";
    private static final String JAVA_TIME = "java.time.";

    private final Types types;
    private final Diagnostics diagnostics;

    JsonMappableTypes(Types types, Diagnostics diagnostics) {
        this.types = types;
        this.diagnostics = diagnostics;
    }

    /** Reports, on {@code parameter}, every part of its type that JSON cannot create. */
    void checkBody(VariableElement parameter, ExecutableElement method) {
        String owner = method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName();
        TypeMirror type = parameter.asType();
        String root = type instanceof DeclaredType declared
                ? declared.asElement().getSimpleName().toString()
                : parameter.getSimpleName().toString();
        for (Problem problem : new Walk(root).problemsOf(type)) {
            diagnostics.error(ErrorMessages.jsonBody(parameter.getSimpleName().toString(), owner,
                    problem.path(), problem.type().toString(), problem.reason()), parameter);
        }
    }

    /**
     * A place JSON cannot create.
     *
     * @param path from the body's type; empty for the body's type itself
     * @param type the type found there
     * @param reason what it is, as in "use a record instead of {@code reason}"
     */
    private record Problem(String path, TypeMirror type, String reason) {}

    /** One walk over one body type; each record type is entered once, so recursive records end. */
    private final class Walk {

        private final String root;
        private final Set<String> entered = new HashSet<>();
        private final List<Problem> problems = new ArrayList<>();

        Walk(String root) {
            this.root = root;
        }

        List<Problem> problemsOf(TypeMirror type) {
            check(type, "");
            return problems;
        }

        private void check(TypeMirror type, String suffix) {
            switch (type.getKind()) {
                case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE, ERROR -> {
                    // Primitives are JSON values; an unresolved type is reported by javac itself.
                }
                case ARRAY -> check(((ArrayType) type).getComponentType(), suffix + "[]");
                case DECLARED -> checkDeclared((DeclaredType) type, suffix);
                case WILDCARD -> {
                    TypeMirror bound = ((WildcardType) type).getExtendsBound();
                    if (bound != null) {
                        check(bound, suffix);
                    } else {
                        report(type, suffix, "a wildcard without an upper bound");
                    }
                }
                case TYPEVAR -> report(type, suffix, "a type variable");
                default -> report(type, suffix, "a type that has no JSON form");
            }
        }

        private void checkDeclared(DeclaredType type, String suffix) {
            TypeElement element = (TypeElement) type.asElement();
            String name = element.getQualifiedName().toString();
            if (VALUE_TYPES.contains(name) || element.getKind() == ElementKind.ENUM || isJavaTime(name)) {
                return;
            }
            if (name.equals(OBJECT)) {
                report(type, suffix, OBJECT);
            } else if (COLLECTIONS.contains(name) || name.equals(OPTIONAL)) {
                typeArgument(type, 0, suffix).ifPresent(argument ->
                        check(argument, name.equals(OPTIONAL) ? suffix : suffix + "[]"));
            } else if (name.equals(MAP)) {
                checkMap(type, suffix);
            } else if (element.getKind() == ElementKind.RECORD) {
                checkRecord(type, element, suffix);
            } else if (element.getKind().isInterface()) {
                report(type, suffix, element.getModifiers().contains(Modifier.SEALED)
                        ? "a sealed interface, since its JSON does not say which type it holds"
                        : "an interface");
            } else if (element.getModifiers().contains(Modifier.ABSTRACT)) {
                report(type, suffix, "an abstract class");
            } else if (element.getNestingKind() == NestingKind.MEMBER
                    && !element.getModifiers().contains(Modifier.STATIC)) {
                report(type, suffix, "an inner class, which needs an instance of its outer class");
            } else if (!hasPublicNoArgumentConstructor(element)) {
                report(type, suffix, "a class without a public no-argument constructor");
            }
        }

        private void checkMap(DeclaredType type, String suffix) {
            typeArgument(type, 0, suffix).ifPresent(key -> {
                if (!isMapKey(key)) {
                    report(type, suffix, "a map with " + key + " keys");
                }
            });
            typeArgument(type, 1, suffix).ifPresent(value -> check(value, suffix + "{}"));
        }

        private void checkRecord(DeclaredType type, TypeElement element, String suffix) {
            if (!entered.add(type.toString())) {
                return;
            }
            for (RecordComponentElement component : element.getRecordComponents()) {
                ExecutableType accessor = (ExecutableType) types.asMemberOf(type, component.getAccessor());
                check(accessor.getReturnType(), suffix + "." + component.getSimpleName());
            }
        }

        /** The type argument at {@code index}; a raw type is reported, having none. */
        private Optional<TypeMirror> typeArgument(DeclaredType type, int index, String suffix) {
            List<? extends TypeMirror> arguments = type.getTypeArguments();
            if (arguments.size() <= index) {
                report(type, suffix, "a raw type, whose element type is unknown");
                return Optional.empty();
            }
            return Optional.of(arguments.get(index));
        }

        private void report(TypeMirror type, String suffix, String reason) {
            Problem problem = new Problem(suffix.isEmpty() ? "" : root + suffix, type, reason);
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
        }
    }

    private static boolean isMapKey(TypeMirror key) {
        TypeMirror bound = key instanceof WildcardType wildcard ? wildcard.getExtendsBound() : key;
        if (!(bound instanceof DeclaredType declared)) {
            return false;
        }
        TypeElement element = (TypeElement) declared.asElement();
        return element.getKind() == ElementKind.ENUM
                || element.getQualifiedName().contentEquals("java.lang.String");
    }

    /** {@code java.time.Instant} and its siblings, not the interfaces of the packages below it. */
    private static boolean isJavaTime(String name) {
        return name.startsWith(JAVA_TIME) && name.indexOf('.', JAVA_TIME.length()) < 0;
    }

    private static boolean hasPublicNoArgumentConstructor(TypeElement element) {
        return ElementFilter.constructorsIn(element.getEnclosedElements()).stream().anyMatch(constructor ->
                constructor.getModifiers().contains(Modifier.PUBLIC) && constructor.getParameters().isEmpty());
    }
}
