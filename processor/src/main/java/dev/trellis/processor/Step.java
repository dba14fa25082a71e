package dev.trellis.processor;

import java.util.Set;
import javax.annotation.processing.RoundEnvironment;

/** One family of annotations, processed once per round, in the order {@link TrellisProcessor} lists. */
interface Step {

    /** The qualified names of the annotations this step handles. */
    Set<String> annotations();

    /** Processes this round's elements; reports problems through {@link Diagnostics} and never throws. */
    void process(RoundEnvironment round);

    /** Writes what can only be written once every round is over. */
    default void finish() {}
}
