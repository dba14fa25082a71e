/**
 * The {@code processes} topology's backend: every replica a JVM of its own on this machine
 * ({@link dev.trellis.runtime.topology.process.ReplicaMain}), told by the controller, over the control
 * protocol, which replicas it may call.
 */
package dev.trellis.runtime.topology.process;
