/**
 * The edge: {@link dev.trellis.runtime.server.TrellisMain} reads the configuration,
 * {@link dev.trellis.runtime.server.TrellisApplication} assembles the target, the controller and the
 * backend of a topology, and {@link dev.trellis.runtime.server.TrellisServer} serves the ingress over HTTP and
 * gRPC, with its readiness, status and metrics. Every failure becomes a status and a short JSON error, never a
 * stack trace.
 */
package dev.trellis.runtime.server;
