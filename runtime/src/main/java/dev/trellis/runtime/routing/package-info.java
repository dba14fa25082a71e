/**
 * Routers: one per deployment and process, in front of its replicas' slots; power of two choices on
 * ongoing calls over an immutable picker (lock-free while nothing waits), a bounded FIFO queue,
 * back-pressure, deadlines and retries. A replica is reached through an {@link dev.trellis.runtime.routing.Execution}
 * in this JVM or a channel to another process; {@link dev.trellis.runtime.routing.RouterStats} is what the
 * autoscaler and metrics read.
 */
package dev.trellis.runtime.routing;
