package dev.trellis.processor;

import java.util.Comparator;
import java.util.List;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** The types of a round that carry an annotation, in name order so that output is deterministic. */
final class AnnotatedTypes {

    private AnnotatedTypes() {}

    static List<TypeElement> sorted(RoundEnvironment round, Elements elements, String annotation) {
        TypeElement annotationType = elements.getTypeElement(annotation);
        if (annotationType == null) {
            return List.of();
        }
        return ElementFilter.typesIn(round.getElementsAnnotatedWith(annotationType)).stream()
                .sorted(Comparator.comparing(type -> type.getQualifiedName().toString()))
                .toList();
    }
}
