/**
 * The contract generated code implements: an {@link dev.trellis.runtime.graph.ApplicationGraph} of
 * {@link dev.trellis.runtime.graph.DeploymentNode}s, each with its settings as written in code, its factory,
 * dispatcher and wire. Found with {@link dev.trellis.runtime.graph.Applications}. Nothing here runs anything.
 */
package dev.trellis.runtime.graph;
