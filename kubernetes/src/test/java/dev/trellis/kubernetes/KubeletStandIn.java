package dev.trellis.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for a ReplicaSet controller and a kubelet over fabric8's mock API server, which stores objects
 * but runs nothing: it keeps each replica Deployment's pods at its {@code replicas} (deleting the lowest
 * {@code pod-deletion-cost} first, as a ReplicaSet does), and runs each pod as a real replica process: the
 * container command of the Deployment's manifest, with this JVM's java and class path, the ConfigMap's
 * deployment YAML in a file, and an address of its own on the loopback network (127.0.0.N, one port for
 * all, as pods share a port on their own IPs). A pod is marked ready, with that address, once its process
 * serves. {@link #kill} takes a pod away as a lost node would.
 */
final class KubeletStandIn implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final int port;
    private final Path deploymentYaml;
    private final Map<String, Process> processes = new ConcurrentHashMap<>(); // by pod name
    private final java.util.Set<String> terminating = ConcurrentHashMap.newKeySet(); // count no more, as pods being deleted
    private final AtomicInteger nextAddress = new AtomicInteger(2);
    private final AtomicInteger nextPod = new AtomicInteger();
    private final Thread loop;
    private volatile boolean running = true;

    KubeletStandIn(KubernetesClient client, String namespace, int port, String deploymentYamlText, Path directory)
            throws IOException {
        this.client = client;
        this.namespace = namespace;
        this.port = port;
        this.deploymentYaml = Files.writeString(directory.resolve("deployment.yaml"), deploymentYamlText);
        this.loop = Thread.ofPlatform().name("kubelet-stand-in").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            try {
                for (Deployment deployment : client.apps().deployments().inNamespace(namespace).list().getItems()) {
                    reconcile(deployment);
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("kubelet stand-in: " + e);
                }
            }
        }
    }

    private void reconcile(Deployment deployment) {
        if (!"replica".equals(deployment.getSpec().getSelector().getMatchLabels().get("trellis.dev/role"))) {
            return; // the controller's own Deployment: the test runs the controller itself
        }
        int wanted = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        List<Pod> pods = new ArrayList<>(client.pods().inNamespace(namespace)
                .withLabels(deployment.getSpec().getSelector().getMatchLabels()).list().getItems());
        pods.removeIf(pod -> terminating.contains(pod.getMetadata().getName()));
        for (int missing = wanted - pods.size(); missing > 0; missing--) {
            start(deployment);
        }
        if (pods.size() > wanted) {
            pods.sort(Comparator.comparingLong(KubeletStandIn::deletionCost));
            for (Pod pod : pods.subList(0, pods.size() - wanted)) {
                String name = pod.getMetadata().getName();
                terminating.add(name);
                Thread.ofVirtual().name("kubelet-stop-" + name).start(() -> terminate(name));
            }
        }
    }

    private static long deletionCost(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations == null ? 0 : Long.parseLong(annotations.getOrDefault(KubernetesBackend.DELETION_COST, "0"));
    }

    /** Creates a pod from the Deployment's template and runs its replica process; ready once it serves. */
    private void start(Deployment deployment) {
        String name = deployment.getMetadata().getName() + "-" + nextPod.getAndIncrement();
        String address = "127.0.0." + nextAddress.getAndIncrement();
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                .withSpec(deployment.getSpec().getTemplate().getSpec()).build()).create();
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> command = new ArrayList<>();
        for (String argument : container.getCommand()) {
            command.add(switch (argument) {
                case "java" -> ProcessHandle.current().info().command().orElse("java");
                case "@/app/jib-classpath-file" -> System.getProperty("java.class.path");
                case "$(POD_NAME)" -> name;
                default -> argument.startsWith("-Dtrellis.deploymentYaml=") ? "-Dtrellis.deploymentYaml=" + deploymentYaml
                        : argument.startsWith("-Dtrellis.replicaHost=") ? "-Dtrellis.replicaHost=" + address
                        : argument.startsWith("-Dtrellis.replicaPort=") ? "-Dtrellis.replicaPort=" + port
                        : argument;
            });
        }
        command.add(1, "-XX:TieredStopAtLevel=1");
        Thread.ofVirtual().name("kubelet-" + name).start(() -> run(name, address, command));
    }

    private void run(String pod, String address, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            processes.put(pod, process);
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith("TRELLIS-REPLICA-READY")) {
                    client.pods().inNamespace(namespace).withName(pod).editStatus(edited -> new PodBuilder(edited)
                            .editOrNewStatus().withPodIP(address).withPhase("Running").addNewCondition().withType("Ready")
                            .withStatus("True").endCondition().endStatus().build());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                System.err.println("kubelet stand-in, pod " + pod + ": " + e);
            }
        }
    }

    /** Stops a pod as the kubelet does: SIGTERM, its grace, then the pod object goes. */
    private void terminate(String pod) {
        Process process = processes.remove(pod);
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        client.pods().inNamespace(namespace).withName(pod).delete();
        terminating.remove(pod);
    }

    /** Takes a pod away at once, as a lost node does: its process killed, its pod deleted. */
    void kill(String pod) {
        Process process = processes.remove(pod);
        if (process != null) {
            process.destroyForcibly();
        }
        client.pods().inNamespace(namespace).withName(pod).delete();
    }

    /** The pods running now whose names start with {@code prefix}. */
    List<String> pods(String prefix) {
        return processes.keySet().stream().filter(name -> name.startsWith(prefix)).sorted().toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        loop.interrupt();
        loop.join(Duration.ofSeconds(5));
        processes.values().forEach(Process::destroyForcibly);
    }
}
