/**
 * Configuration, read once at the edge: the deployment YAML ({@link dev.trellis.runtime.config.DeploymentYaml},
 * every problem of a file collected), the node's resources, the topology, and the immutable
 * {@link dev.trellis.runtime.config.ApplicationTarget} they make with the generated graph: what the controller
 * reconciles towards.
 */
package dev.trellis.runtime.config;
