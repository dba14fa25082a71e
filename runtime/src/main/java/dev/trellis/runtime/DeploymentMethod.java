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
 * @param streaming whether the method returns a stream of items: its handle method returns a
 *     {@link DeploymentStream}, its call's response completes with the call's
 *     {@link dev.trellis.runtime.flow.ItemBuffer} once a replica started it, and {@code R} is the item type
 * @param <R> the method's result type ({@code Void} for {@code void} methods)
 */
public record DeploymentMethod<R>(
        String deployment, String name, int index, boolean idempotent, BatchSpec batch, boolean streaming) {

    public DeploymentMethod {
        if (streaming && batch != null) {
            throw new IllegalArgumentException(deployment + "." + name + ": a streaming method cannot be batched");
        }
    }

    /** A method that is not streaming. */
    public DeploymentMethod(String deployment, String name, int index, boolean idempotent, BatchSpec batch) {
        this(deployment, name, index, idempotent, batch, false);
    }

    /** A method that is neither idempotent nor batched. */
    public DeploymentMethod(String deployment, String name, int index) {
        this(deployment, name, index, false, null, false);
    }

    /** A method that is not batched. */
    public DeploymentMethod(String deployment, String name, int index, boolean idempotent) {
        this(deployment, name, index, idempotent, null, false);
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
