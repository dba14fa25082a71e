package dev.trellis.runtime.kubernetes;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The names and labels Trellis gives an application's Kubernetes objects, shared by the manifests and the
 * Kubernetes topology, which finds its replicas' pods by these labels.
 */
public final class KubernetesNames {

    /** The label naming the application every object belongs to. */
    public static final String APPLICATION_LABEL = "trellis.dev/application";
    /** The label naming the deployment a replica's pod runs. */
    public static final String DEPLOYMENT_LABEL = "trellis.dev/deployment";
    /** The label saying what a pod is: {@code controller} or {@code replica}. */
    public static final String ROLE_LABEL = "trellis.dev/role";
    /** The label saying which version of a deployment a replica runs: {@code own} or {@code canary}. */
    public static final String TRACK_LABEL = "trellis.dev/track";

    /** The port every replica serves its gRPC calls, control and health on. */
    public static final int REPLICA_PORT = 9000;
    /** The port the controller serves the application's HTTP and gRPC ingress on. */
    public static final int INGRESS_PORT = 8000;

    private KubernetesNames() {}

    /**
     * {@code name} as a Kubernetes object name (RFC 1123: lower case letters, digits and '-'): deployment
     * names are {@code [A-Za-z][A-Za-z0-9_-]*}, so only case and '_' change.
     */
    public static String dns(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The name of the Kubernetes Deployment (and headless Service) of one of the application's deployments. */
    public static String deploymentObject(String application, String deployment, boolean canary) {
        return dns(application) + "-" + dns(deployment) + (canary ? "-canary" : "");
    }

    /** The name of the controller's objects. */
    public static String controllerObject(String application) {
        return dns(application) + "-controller";
    }

    /**
     * The name of the Secret that holds the application's internal credentials (key {@value #SECRET_KEY}),
     * which its controller and replica pods read: {@code kubectl create secret generic <name>
     * --from-literal=secret=$(openssl rand -base64 32)}.
     */
    public static String internalSecret(String application) {
        return dns(application) + "-internal";
    }

    /** The key of the credentials in {@link #internalSecret}. */
    public static final String SECRET_KEY = "secret";

    /** The labels of a replica's pods, by which the controller and the headless Service select them. */
    public static Map<String, String> replicaSelector(String application, String deployment, boolean canary) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APPLICATION_LABEL, application);
        labels.put(DEPLOYMENT_LABEL, deployment);
        labels.put(ROLE_LABEL, "replica");
        labels.put(TRACK_LABEL, canary ? "canary" : "own");
        return labels;
    }

    /** The labels of every object of the application: the recommended ones and Trellis's own. */
    static Map<String, String> common(String application) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", dns(application));
        labels.put("app.kubernetes.io/part-of", dns(application));
        labels.put("app.kubernetes.io/managed-by", "trellis");
        labels.put(APPLICATION_LABEL, application);
        return labels;
    }
}
