package dev.trellis.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Collects the errors of a processing step, each pointed at the most precise place known: an element,
 * an annotation on it, or one value of that annotation. Steps report and go on, so that one compile
 * shows every mistake; the gate between steps asks {@link #errorCount()}.
 *
 * <p>A read that may be repeated in a later round (a deployment waiting for a generated class) holds
 * its messages back ({@link #hold()}) and either {@link #release releases} or {@link #discard discards}
 * them, so that no message is reported twice.
 */
public final class Diagnostics {

    private final Messager messager;
    private int errors;
    private List<Runnable> held;

    public Diagnostics(Messager messager) {
        this.messager = messager;
    }

    public void error(String message, Element element) {
        report(() -> messager.printMessage(Diagnostic.Kind.ERROR, message, element), true);
    }

    public void error(String message, Element element, AnnotationMirror annotation) {
        report(() -> messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation), true);
    }

    public void error(String message, Element element, AnnotationMirror annotation,
            AnnotationValue value) {
        report(() -> messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value), true);
    }

    public void warning(String message, Element element) {
        report(() -> messager.printMessage(Diagnostic.Kind.WARNING, message, element), false);
    }

    public void warning(String message, Element element, AnnotationMirror annotation) {
        report(() -> messager.printMessage(Diagnostic.Kind.WARNING, message, element, annotation), false);
    }

    /** How many errors were reported so far, held ones included; a step compares it before and after. */
    public int errorCount() {
        return errors;
    }

    /** Holds the messages reported from now on until {@link #release()} or {@link #discard()}. */
    public void hold() {
        held = new ArrayList<>();
    }

    /** Reports the held messages. */
    public void release() {
        List<Runnable> messages = held;
        held = null;
        if (messages != null) {
            messages.forEach(Runnable::run);
        }
    }

    /** Forgets the held messages: the read that produced them will be repeated. */
    public void discard(int errorsBeforeHold) {
        held = null;
        errors = errorsBeforeHold;
    }

    private void report(Runnable message, boolean isError) {
        if (isError) {
            errors++;
        }
        if (held != null) {
            held.add(message);
        } else {
            message.run();
        }
    }
}
