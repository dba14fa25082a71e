/**
 * The {@code kubernetes} topology: the controller's replicas are pods of the Deployments that {@code
 * trellis:build} writes; {@link KubernetesBackend} scales those through the API and routes to the pods it
 * finds ready, with no change to the application or to the controller.
 */
package dev.trellis.kubernetes;
