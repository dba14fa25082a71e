package dev.trellis.processor.read;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads one annotation on one element through its mirror, so that values can be reported on
 * precisely and class values never throw {@code MirroredTypeException}.
 */
final class AnnotationReader {

    private final Element element;
    private final AnnotationMirror mirror;
    private final Map<? extends ExecutableElement, ? extends AnnotationValue> withDefaults;
    private final Map<? extends ExecutableElement, ? extends AnnotationValue> explicit;

    private AnnotationReader(Element element, AnnotationMirror mirror, Elements elements) {
        this.element = element;
        this.mirror = mirror;
        this.withDefaults = elements.getElementValuesWithDefaults(mirror);
        this.explicit = mirror.getElementValues();
    }

    /** The annotation named {@code annotationType} on {@code element}, if present. */
    static Optional<AnnotationReader> find(Element element, String annotationType, Elements elements) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(annotationType)) {
                return Optional.of(new AnnotationReader(element, mirror, elements));
            }
        }
        return Optional.empty();
    }

    static boolean isPresent(Element element, String annotationType) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(annotationType)) {
                return true;
            }
        }
        return false;
    }

    Element element() {
        return element;
    }

    AnnotationMirror mirror() {
        return mirror;
    }

    /** The value of {@code name}, its default when not written. */
    Object value(String name) {
        return valueEntry(withDefaults, name).orElseThrow(
                () -> new IllegalArgumentException("no annotation element " + name)).getValue();
    }

    /** The value as written in source, to point an error at; empty when the default applies. */
    Optional<AnnotationValue> written(String name) {
        return valueEntry(explicit, name);
    }

    /** The value of a nested annotation, read the same way. */
    AnnotationReader nested(String name, Elements elements) {
        return new AnnotationReader(element, (AnnotationMirror) value(name), elements);
    }

    private static Optional<AnnotationValue> valueEntry(
            Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : values.entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }
}
