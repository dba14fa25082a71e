package dev.trellis.runtime;

/**
 * Where a handle sends its calls: a router in front of the replicas of one deployment. Generated
 * handles take one in their constructor, so tests can hand them any implementation.
 */
@FunctionalInterface
public interface DeploymentChannel {

    /**
     * Starts a call and returns at once. The call never throws: every failure, back-pressure
     * included, arrives through the response.
     *
     * @param method the method to call
     * @param args the arguments, in declaration order; the array is owned by the callee from now on
     * @param <R> the method's result type
     * @return the response, completed when the replica has answered
     */
    <R> DeploymentResponse<R> call(DeploymentMethod<R> method, Object[] args);
}
