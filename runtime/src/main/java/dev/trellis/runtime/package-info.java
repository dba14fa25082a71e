/**
 * What user code and generated handles see: {@link dev.trellis.runtime.DeploymentResponse} and
 * {@link dev.trellis.runtime.DeploymentStream}, the handle base types, {@link dev.trellis.runtime.CallContext},
 * {@link dev.trellis.runtime.DeploymentContext} (what a replica's constructor gets), uploads, multiplexing and
 * the exceptions a call can fail with. Depends only on {@code time} and {@code flow}; see
 * {@code docs/architecture.md} for the layers above it.
 */
package dev.trellis.runtime;
