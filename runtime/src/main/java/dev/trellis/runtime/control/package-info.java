/**
 * The controller: one reconcile loop from an application's target to what runs, written once for every
 * topology. It places replicas on the node's resources, starts and stops them in order, checks their
 * health, replaces failed ones with back-off, autoscales with Ray Serve's policy, keeps routers' membership
 * in step and reports the status. All its I/O goes through a {@link dev.trellis.runtime.control.ReplicaBackend}.
 */
package dev.trellis.runtime.control;
