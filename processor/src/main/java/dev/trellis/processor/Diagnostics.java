package dev.trellis.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Collects the errors of a processing step, each pointed at the most precise place known: an element,
 * an annotation on it, or one value of that annotation. Steps report and go on, so that one compile
 * shows every mistake; the gate between steps asks {@link #errorCount()}.
 */
public final class Diagnostics {

    private final Messager messager;
    private int errors;

    public Diagnostics(Messager messager) {
        this.messager = messager;
    }

    public void error(String message, Element element) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    public void error(String message, Element element, AnnotationMirror annotation) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
    }

    public void error(String message, Element element, AnnotationMirror annotation,
            AnnotationValue value) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
    }

    /** A warning: something that compiles and runs, but is probably not what the user meant. */
    public void warning(String message, Element element) {
        messager.printMessage(Diagnostic.Kind.WARNING, message, element);
    }

    /** How many errors were reported so far; a step compares it before and after to gate its output. */
    public int errorCount() {
        return errors;
    }
}
