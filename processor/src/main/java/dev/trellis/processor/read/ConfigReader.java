package dev.trellis.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.model.ConfigEntry;
import dev.trellis.processor.model.ConstructorArgument;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads the constructor parameters that are configuration: one record whose components are the entries,
 * or primitives, strings and enums, each an entry named after the parameter. Checks that YAML can hold
 * every entry and that each {@code @Default} parses as its type.
 */
final class ConfigReader {

    private static final Set<String> SCALAR_CLASSES = Set.of("java.lang.String", "java.lang.Integer",
            "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Double", "java.lang.Float",
            "java.lang.Boolean", "java.lang.Character");

    private final Elements elements;
    private final Diagnostics diagnostics;

    ConfigReader(Elements elements, Diagnostics diagnostics) {
        this.elements = elements;
        this.diagnostics = diagnostics;
    }

    /** Whether a parameter of this type is a configuration record. */
    static boolean isRecord(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                && ((DeclaredType) type).asElement().getKind() == ElementKind.RECORD;
    }

    /** Whether a parameter of this type is one configuration value. */
    static boolean isScalar(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return true;
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        Element element = ((DeclaredType) type).asElement();
        return element.getKind() == ElementKind.ENUM
                || SCALAR_CLASSES.contains(((TypeElement) element).getQualifiedName().toString());
    }

    /** The argument for a configuration parameter, or empty after reporting why it is not one. */
    Optional<ConstructorArgument> read(VariableElement parameter, TypeElement owner, List<ConfigEntry> entries) {
        TypeMirror type = parameter.asType();
        String name = parameter.getSimpleName().toString();
        if (isRecord(type)) {
            TypeElement record = (TypeElement) ((DeclaredType) type).asElement();
            for (RecordComponentElement component : record.getRecordComponents()) {
                String path = record.getSimpleName() + "." + component.getSimpleName();
                if (checkYamlType(component.asType(), path, parameter, new HashSet<>())) {
                    entries.add(new ConfigEntry(component.getSimpleName().toString(),
                            readDefault(component, path)));
                }
            }
            return Optional.of(new ConstructorArgument.ConfigRecord(ClassName.get(record)));
        }
        if (isScalar(type)) {
            entries.add(new ConfigEntry(name, readDefault(parameter, owner.getSimpleName() + "(" + name + ")")));
            return Optional.of(new ConstructorArgument.ConfigValue(name, TypeName.get(type)));
        }
        if (type.getKind() != TypeKind.ERROR) {
            diagnostics.error(ErrorMessages.notAHandleNorConfig(name, owner.getSimpleName().toString(),
                    type.toString()), parameter);
        }
        return Optional.empty();
    }

    private boolean checkYamlType(TypeMirror type, String path, Element reportOn, Set<String> visiting) {
        if (isScalar(type)) {
            return true;
        }
        if (type.getKind() == TypeKind.DECLARED) {
            DeclaredType declared = (DeclaredType) type;
            TypeElement element = (TypeElement) declared.asElement();
            String name = element.getQualifiedName().toString();
            List<? extends TypeMirror> arguments = declared.getTypeArguments();
            if ((name.equals("java.util.List") || name.equals("java.util.Set")) && arguments.size() == 1) {
                return checkYamlType(arguments.get(0), path + "[]", reportOn, visiting);
            }
            if (name.equals("java.util.Map") && arguments.size() == 2
                    && arguments.get(0).toString().equals("java.lang.String")) {
                return checkYamlType(arguments.get(1), path + "{}", reportOn, visiting);
            }
            if (element.getKind() == ElementKind.RECORD && visiting.add(name)) {
                boolean valid = true;
                for (RecordComponentElement component : element.getRecordComponents()) {
                    valid &= checkYamlType(component.asType(), path + "." + component.getSimpleName(), reportOn,
                            visiting);
                }
                visiting.remove(name);
                return valid;
            }
        }
        diagnostics.error(ErrorMessages.configComponent(path, type.toString()), reportOn);
        return false;
    }

    /** The {@code @Default} of an entry as a YAML scalar, after checking that it parses as the type. */
    private Optional<String> readDefault(Element entry, String path) {
        Optional<AnnotationReader> annotation = AnnotationReader.find(entry, AnnotationNames.DEFAULT, elements);
        if (annotation.isEmpty()) {
            return Optional.empty();
        }
        String value = (String) annotation.get().value("value");
        AnnotationValue written = annotation.get().written("value").orElse(null);
        TypeMirror type = entry.asType();
        if (!isScalar(type)) {
            diagnostics.error(ErrorMessages.defaultOnStructuredEntry(path, type.toString()), entry,
                    annotation.get().mirror(), written);
            return Optional.empty();
        }
        Optional<String> yaml = DefaultValues.asYaml(type, value);
        if (yaml.isEmpty()) {
            diagnostics.error(ErrorMessages.invalidDefault(path, value, type.toString()), entry,
                    annotation.get().mirror(), written);
        }
        return yaml;
    }
}
