/**
 * The HTTP front of an application: {@link dev.trellis.runtime.server.TrellisServer} serves the
 * ingress routes of a graph as JSON over Helidon SE, and maps every failure to a status and a short
 * JSON error, never a stack trace.
 */
package dev.trellis.runtime.server;
