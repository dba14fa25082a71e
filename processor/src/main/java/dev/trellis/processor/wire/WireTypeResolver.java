package dev.trellis.processor.wire;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.trellis.processor.wire.WireDefinition.WireField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Decides how a type crosses the wire, or why it cannot: records (nested), sealed interfaces of records,
 * enums, primitives and their boxes and arrays, {@code String}, {@code byte[]}, and {@code List}, {@code Set},
 * {@code Map} and {@code Optional} of those. Records, sealed interfaces and enums go into the
 * {@link WireCatalog} as they are met.
 */
public final class WireTypeResolver {

    private static final Map<String, ScalarKind> BOXES = Map.of(
            "java.lang.Integer", ScalarKind.INT32, "java.lang.Short", ScalarKind.SHORT,
            "java.lang.Byte", ScalarKind.BYTE, "java.lang.Character", ScalarKind.CHAR,
            "java.lang.Long", ScalarKind.INT64, "java.lang.Boolean", ScalarKind.BOOL,
            "java.lang.Float", ScalarKind.FLOAT, "java.lang.Double", ScalarKind.DOUBLE,
            "java.lang.String", ScalarKind.STRING);

    private final WireCatalog catalog;
    private final Set<ClassName> resolving = new HashSet<>();

    public WireTypeResolver(WireCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Why a type is not a wire type.
     *
     * @param path where it sits, from the outermost record ({@code OcrResult.boxes[].shape}); empty when
     *     the type itself was asked for
     * @param type the offending type
     * @param reason what to do about it
     */
    public record WireError(String path, String type, String reason) {}

    /**
     * The wire type of {@code type}, or the first reason it has none. A failed resolution leaves the
     * catalog as it was, so that records resolved on the way do not point at one that failed.
     */
    public Resolution resolve(TypeMirror type) {
        java.util.Set<ClassName> before = catalog.types();
        Resolution resolution = resolve(type, "");
        if (resolution.type().isEmpty()) {
            catalog.keepOnly(before);
        }
        return resolution;
    }

    /**
     * Either a wire type, an error, or neither when a type is not resolved yet (another processor may
     * generate it in a later round).
     */
    public record Resolution(Optional<WireType> type, Optional<WireError> error) {
        static Resolution of(WireType type) {
            return new Resolution(Optional.of(type), Optional.empty());
        }

        static Resolution failed(String path, TypeMirror type, String reason) {
            return new Resolution(Optional.empty(), Optional.of(new WireError(path, type.toString(), reason)));
        }

        static Resolution pending() {
            return new Resolution(Optional.empty(), Optional.empty());
        }

        /** Whether a type was not resolved yet, rather than wrong. */
        public boolean unresolved() {
            return type.isEmpty() && error.isEmpty();
        }
    }

    private Resolution resolve(TypeMirror type, String path) {
        TypeName name = TypeName.get(type);
        if (type.getKind().isPrimitive()) {
            return Resolution.of(new WireType.Scalar(primitiveKind(type.getKind()), name));
        }
        return switch (type.getKind()) {
            case ARRAY -> resolveArray((ArrayType) type, path);
            case DECLARED -> resolveDeclared((DeclaredType) type, path);
            case ERROR -> Resolution.pending();
            default -> Resolution.failed(path, type, "use a concrete type");
        };
    }

    private Resolution resolveArray(ArrayType type, String path) {
        TypeKind component = type.getComponentType().getKind();
        if (component == TypeKind.BYTE) {
            return Resolution.of(new WireType.Scalar(ScalarKind.BYTES, TypeName.get(type)));
        }
        if (component.isPrimitive()) {
            return Resolution.of(new WireType.PrimitiveArray(primitiveKind(component)));
        }
        return Resolution.failed(path, type, "use a List instead of an array of objects");
    }

    private Resolution resolveDeclared(DeclaredType type, String path) {
        TypeElement element = (TypeElement) type.asElement();
        String qualified = element.getQualifiedName().toString();
        TypeName name = TypeName.get(type);
        ScalarKind box = BOXES.get(qualified);
        if (box != null) {
            return Resolution.of(new WireType.Scalar(box, name));
        }
        if (element.getTypeParameters().size() != type.getTypeArguments().size()) {
            return Resolution.failed(path, type, "write its type arguments, for example List<String>; a raw type"
                    + " does not say what crosses the wire");
        }
        if (isPrivate(element)) {
            return Resolution.failed(path, type, "make it package-private or public; generated codecs in its package"
                    + " must reach it");
        }
        switch (qualified) {
            case "java.util.List", "java.util.Set" -> {
                return resolveCollection(type, path, ClassName.get(element));
            }
            case "java.util.Map" -> {
                return resolveMap(type, path);
            }
            case "java.util.Optional" -> {
                return resolveOptional(type, path);
            }
            default -> { }
        }
        if (!element.getTypeParameters().isEmpty()) {
            return Resolution.failed(path, type, "only List, Set, Map and Optional may have type arguments;"
                    + " use a record with concrete component types");
        }
        ClassName className = ClassName.get(element);
        return switch (element.getKind()) {
            case ENUM -> Resolution.of(resolveEnum(element, className));
            case RECORD -> resolveRecord(element, className, path);
            case INTERFACE -> element.getModifiers().contains(Modifier.SEALED)
                    ? resolveSealed(element, className, path)
                    : Resolution.failed(path, type, notAWireType());
            default -> Resolution.failed(path, type, notAWireType());
        };
    }

    private Resolution resolveCollection(DeclaredType type, String path, ClassName collection) {
        TypeMirror element = type.getTypeArguments().get(0);
        Resolution inner = resolve(element, path + "[]");
        if (inner.type().isEmpty()) {
            return inner;
        }
        WireType resolved = inner.type().get();
        if (!isSingleField(resolved)) {
            return Resolution.failed(path + "[]", element,
                    "collections cannot hold collections, arrays or optionals; wrap the inner one in a record");
        }
        return Resolution.of(new WireType.Repeated(collection, resolved, TypeName.get(type)));
    }

    private Resolution resolveMap(DeclaredType type, String path) {
        TypeMirror keyType = type.getTypeArguments().get(0);
        Resolution key = resolve(keyType, path + "{key}");
        if (key.type().isEmpty()) {
            return key;
        }
        if (!(key.type().get() instanceof WireType.Scalar scalar) || !isMapKey(scalar.kind())) {
            return Resolution.failed(path + "{key}", keyType,
                    "map keys must be String, Integer, Long or Boolean (protobuf's map keys)");
        }
        TypeMirror valueType = type.getTypeArguments().get(1);
        Resolution value = resolve(valueType, path + "{}");
        if (value.type().isEmpty()) {
            return value;
        }
        if (!isSingleField(value.type().get())) {
            return Resolution.failed(path + "{}", valueType,
                    "map values cannot be collections, arrays or optionals; wrap the value in a record");
        }
        return Resolution.of(new WireType.MapType(scalar, value.type().get(), TypeName.get(type)));
    }

    private Resolution resolveOptional(DeclaredType type, String path) {
        TypeMirror element = type.getTypeArguments().get(0);
        Resolution inner = resolve(element, path + "?");
        if (inner.type().isEmpty()) {
            return inner;
        }
        if (!isSingleField(inner.type().get())) {
            return Resolution.failed(path + "?", element,
                    "an Optional cannot hold a collection, array or optional; use the collection itself");
        }
        return Resolution.of(new WireType.OptionalType(inner.type().get(), TypeName.get(type)));
    }

    private WireType resolveEnum(TypeElement element, ClassName className) {
        if (!catalog.contains(className)) {
            List<String> constants = element.getEnclosedElements().stream()
                    .filter(member -> member.getKind() == ElementKind.ENUM_CONSTANT)
                    .map(member -> member.getSimpleName().toString())
                    .toList();
            catalog.add(new WireDefinition.EnumDefinition(className, constants));
        }
        return new WireType.EnumType(className);
    }

    private Resolution resolveRecord(TypeElement element, ClassName className, String path) {
        WireType message = new WireType.MessageType(className);
        if (catalog.contains(className) || !resolving.add(className)) {
            return Resolution.of(message); // known, or being resolved further up: a recursive record
        }
        try {
            List<WireField> fields = new ArrayList<>();
            String recordPath = path.isEmpty() ? element.getSimpleName().toString() : path;
            for (RecordComponentElement component : element.getRecordComponents()) {
                String componentPath = recordPath + "." + component.getSimpleName();
                Resolution field = resolve(component.asType(), componentPath);
                if (field.type().isEmpty()) {
                    return field;
                }
                fields.add(new WireField(component.getSimpleName().toString(), fields.size() + 1, field.type().get()));
            }
            catalog.add(new WireDefinition.RecordDefinition(className, fields));
            return Resolution.of(message);
        } finally {
            resolving.remove(className);
        }
    }

    private Resolution resolveSealed(TypeElement element, ClassName className, String path) {
        WireType message = new WireType.MessageType(className);
        if (catalog.contains(className) || !resolving.add(className)) {
            return Resolution.of(message);
        }
        try {
            List<ClassName> variants = new ArrayList<>();
            String sealedPath = path.isEmpty() ? element.getSimpleName().toString() : path;
            for (TypeMirror permitted : element.getPermittedSubclasses()) {
                Element variant = ((DeclaredType) permitted).asElement();
                if (variant.getKind() != ElementKind.RECORD) {
                    return Resolution.failed(sealedPath + "|" + variant.getSimpleName(), permitted,
                            "a sealed interface crosses the wire only when every permitted subtype is a record");
                }
                Resolution resolved = resolve(permitted, sealedPath + "|" + variant.getSimpleName());
                if (resolved.type().isEmpty()) {
                    return resolved;
                }
                variants.add(ClassName.get((TypeElement) variant));
            }
            catalog.add(new WireDefinition.SealedDefinition(className, variants));
            return Resolution.of(message);
        } finally {
            resolving.remove(className);
        }
    }

    /** Whether the type, or a type it is nested in, is private: generated code could not name it. */
    private static boolean isPrivate(Element element) {
        for (Element current = element; current != null && current.getKind() != ElementKind.PACKAGE;
                current = current.getEnclosingElement()) {
            if (current.getModifiers().contains(Modifier.PRIVATE)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSingleField(WireType type) {
        return type instanceof WireType.Scalar || type instanceof WireType.EnumType
                || type instanceof WireType.MessageType;
    }

    private static boolean isMapKey(ScalarKind kind) {
        return kind == ScalarKind.STRING || kind == ScalarKind.INT32 || kind == ScalarKind.INT64
                || kind == ScalarKind.BOOL;
    }

    private static ScalarKind primitiveKind(TypeKind kind) {
        return switch (kind) {
            case INT -> ScalarKind.INT32;
            case SHORT -> ScalarKind.SHORT;
            case BYTE -> ScalarKind.BYTE;
            case CHAR -> ScalarKind.CHAR;
            case LONG -> ScalarKind.INT64;
            case BOOLEAN -> ScalarKind.BOOL;
            case FLOAT -> ScalarKind.FLOAT;
            case DOUBLE -> ScalarKind.DOUBLE;
            default -> throw new IllegalArgumentException("not a primitive: " + kind);
        };
    }

    private static String notAWireType() {
        return "use a record, a sealed interface of records, an enum, String, a primitive, its box or array,"
                + " or a List, Set, Map or Optional of those";
    }

}
