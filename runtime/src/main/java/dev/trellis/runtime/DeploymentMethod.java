package dev.trellis.runtime;

/**
 * Names one method of a deployment on the wire and in the dispatcher: generated handles hold one
 * constant per method, typed by the method's result, so a call's result type is checked by javac.
 *
 * @param deployment the deployment's name, for error messages
 * @param name the Java method's name
 * @param index the method's position in the generated dispatcher's switch
 * @param idempotent whether the method is {@code @Idempotent}: a call its replica was running when the
 *     replica went away is run again on another replica instead of failing
 * @param batch how calls are batched, for a {@code @Batch} method; {@code null} for any other. A call of
 *     a batched method carries one item, and its result is one item
 * @param <R> the method's result type ({@code Void} for {@code void} methods)
 */
public record DeploymentMethod<R>(String deployment, String name, int index, boolean idempotent, BatchSpec batch) {

    /** A method that is neither idempotent nor batched. */
    public DeploymentMethod(String deployment, String name, int index) {
        this(deployment, name, index, false, null);
    }

    /** A method that is not batched. */
    public DeploymentMethod(String deployment, String name, int index, boolean idempotent) {
        this(deployment, name, index, idempotent, null);
    }

    /** Whether calls of it are batched. */
    public boolean batched() {
        return batch != null;
    }

    @Override
    public String toString() {
        return deployment + "." + name;
    }
}
