package dev.trellis.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.control.Controller;
import dev.trellis.runtime.graph.Applications;
import dev.trellis.runtime.kubernetes.KubernetesManifests;
import dev.trellis.runtime.kubernetes.KubernetesSettings;
import dev.trellis.samples.hello.HelloIngressHandle;
import dev.trellis.samples.hello.HelloRequest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hello sample in the {@code kubernetes} topology, end to end without a cluster: fabric8's mock API
 * server in CRUD mode holds the manifests {@code trellis:build} writes, a {@link KubeletStandIn} runs a
 * real replica process for each pod the Deployments' {@code replicas} call for, and the controller knows
 * its replicas only through the API. It scales the Deployments, routes real requests to the pods it finds
 * ready, survives a pod taken away under load without a failed request, scales through the API, and leaves
 * the pods to the next controller when it stops.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesBackendTest {

    private static final String NAMESPACE = "trellis-test";

    KubernetesClient client;

    @Test
    void theControllerRunsTheApplicationAsPodsFoundThroughTheApi(@TempDir Path directory) throws Exception {
        ApplicationTarget target = ApplicationTarget.of(Applications.find("hello"));
        String deploymentYaml = apply(target);
        int port = freePort();
        try (KubeletStandIn kubelet = new KubeletStandIn(client, NAMESPACE, port, deploymentYaml, directory)) {
            Controller controller = Controller.builder(target, new KubernetesBackend(client, NAMESPACE, target, port,
                    Duration.ofMinutes(2))).node(NodeResources.of(64, 1 << 20, 0)).start();
            try {
                HelloIngressHandle ingress = new HelloIngressHandle(controller.ingress());
                assertEquals("Hello, Ada! ADA!!!", ingress.hello(new HelloRequest("Ada")).join().message());
                assertEquals(2, replicas("hello-greeter"), "the controller scaled the Deployment through the API");
                assertEquals(2, kubelet.pods("hello-greeter-").size());

                aPodTakenAwayUnderLoadFailsNoRequest(controller, kubelet, ingress);

                controller.apply(ApplicationTarget.builder(target.graph()).deploymentYaml(DeploymentYaml.parse(
                        "applications: [{name: hello, deployments: [{name: Greeter, numReplicas: 3}]}]", "scale")).build());
                await(() -> replicas("hello-greeter") == 3 && controller.status().deployment("Greeter").running() == 3);
                assertEquals(3, kubelet.pods("hello-greeter-").size());
                assertEquals("Hello, Bo! BO!!!", ingress.hello(new HelloRequest("Bo")).join().message());
            } finally {
                controller.close();
            }
            assertEquals(3, replicas("hello-greeter"), "the pods outlive the controller: its Deployments keep them");
            List<String> before = kubelet.pods("hello-greeter-");

            Controller next = Controller.builder(target, new KubernetesBackend(client, NAMESPACE, target, port,
                    Duration.ofMinutes(2))).node(NodeResources.of(64, 1 << 20, 0)).start();
            try {
                HelloIngressHandle ingress = new HelloIngressHandle(next.ingress());
                assertEquals("Hello, Cy! CY!!!", ingress.hello(new HelloRequest("Cy")).join().message());
                await(() -> replicas("hello-greeter") == 2 && kubelet.pods("hello-greeter-").size() == 2);
                assertTrue(kubelet.pods("hello-greeter-").stream().anyMatch(before::contains),
                        "the next controller took running pods over: " + before + " -> " + kubelet.pods("hello-greeter-"));
            } finally {
                next.close();
            }
        }
    }

    private void aPodTakenAwayUnderLoadFailsNoRequest(Controller controller, KubeletStandIn kubelet,
            HelloIngressHandle ingress) throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            int id = client;
            clients.add(Thread.ofVirtual().start(() -> {
                for (int call = 0; loading.get(); call++) {
                    try {
                        String name = "c" + id + "-" + call;
                        String message = ingress.hello(new HelloRequest(name)).join().message();
                        if (message.startsWith("Hello, " + name + "!")) {
                            answered.incrementAndGet();
                        } else {
                            failures.add(new AssertionError("wrong answer: " + message));
                        }
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }));
        }
        await(() -> answered.get() > 100);
        String victim = kubelet.pods("hello-greeter-").get(0);
        kubelet.kill(victim);
        int atKill = answered.get();
        await(() -> answered.get() > atKill + 200 && kubelet.pods("hello-greeter-").size() == 2
                && !kubelet.pods("hello-greeter-").contains(victim)
                && controller.status().deployment("Greeter").running() == 2);
        loading.set(false);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(60));
        }
        assertEquals(List.of(), failures, "requests failed while a pod was taken away");
    }

    /** Applies the manifests as kubectl would, and returns the deployment YAML their ConfigMap holds. */
    private String apply(ApplicationTarget target) {
        String deploymentYaml = null;
        for (String file : KubernetesManifests.of(target, new KubernetesSettings("hello:test", Optional.of(NAMESPACE),
                0.5, 512)).values()) {
            for (HasMetadata object : client.load(new java.io.ByteArrayInputStream(file.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8))).items()) {
                client.resource(object).inNamespace(NAMESPACE).create();
                if (object instanceof ConfigMap config) {
                    deploymentYaml = config.getData().get("deployment.yaml");
                }
            }
        }
        return deploymentYaml;
    }

    private int replicas(String deployment) {
        Deployment found = client.apps().deployments().inNamespace(NAMESPACE).withName(deployment).get();
        return found.getSpec().getReplicas() == null ? 1 : found.getSpec().getReplicas();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "did not happen within 90 s");
            Thread.sleep(50);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
