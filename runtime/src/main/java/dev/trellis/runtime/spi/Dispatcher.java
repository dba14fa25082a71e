package dev.trellis.runtime.spi;

/**
 * Calls a deployment's methods by index without reflection: generated as one {@code switch} over the
 * methods of the deployment, in the order of its handle's {@code DeploymentMethod} constants.
 *
 * @param <T> the deployment class
 */
@FunctionalInterface
public interface Dispatcher<T> {

    /**
     * @param target the replica's instance
     * @param method the method's index
     * @param args the arguments, already of the method's parameter types
     * @return the method's result; {@code null} for {@code void} methods
     * @throws Throwable whatever the user's method throws
     */
    Object dispatch(T target, int method, Object[] args) throws Throwable;
}
