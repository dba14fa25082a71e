/**
 * What an application is on Kubernetes, as plain manifests: {@link KubernetesManifests} writes them from
 * an application's target, with no Kubernetes client; the Kubernetes topology, in its own module, runs
 * the replicas they describe.
 */
package dev.trellis.runtime.kubernetes;
