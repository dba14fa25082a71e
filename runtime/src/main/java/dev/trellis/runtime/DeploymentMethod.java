package dev.trellis.runtime;

/**
 * Names one method of a deployment on the wire and in the dispatcher: generated handles hold one
 * constant per method, typed by the method's result, so a call's result type is checked by javac.
 *
 * @param deployment the deployment's name, for error messages
 * @param name the Java method's name
 * @param index the method's position in the generated dispatcher's switch
 * @param <R> the method's result type ({@code Void} for {@code void} methods)
 */
public record DeploymentMethod<R>(String deployment, String name, int index) {

    @Override
    public String toString() {
        return deployment + "." + name;
    }
}
