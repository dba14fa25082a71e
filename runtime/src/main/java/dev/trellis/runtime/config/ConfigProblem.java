package dev.trellis.runtime.config;

/**
 * One thing wrong with a configuration file, and where: the phrase follows the file's name, as in "The
 * deployment YAML app.yaml:4:9 sets 'replicas' of deployment 'Greeter', which has no such field".
 *
 * @param position where the problem is
 * @param message what is wrong, a phrase that follows "The deployment YAML <file>:<line>:<column> "
 */
public record ConfigProblem(SourcePosition position, String message) {

    /** {@code line:column message}. */
    @Override
    public String toString() {
        return position + " " + message;
    }
}
