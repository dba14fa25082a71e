package dev.trellis.runtime.control;

import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.config.NodeResources;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Packs replicas onto the node by their {@code @Resources} hints: a replica is placed only while the
 * CPUs, memory and GPU share it asks for are free, so that the node is never overcommitted. GPUs are
 * first fit: a fractional share ({@code gpus = 0.5}) goes to the first device with that much left, so
 * two such replicas share one device; a share of one GPU or more takes a whole free device (Trellis runs
 * a model on one device).
 *
 * <p>A node without any GPU places a replica that asks for one without a device, so that the same
 * application runs on a laptop: its models run on the CPU, and the controller says so once. Not
 * thread-safe: the controller uses it under its lock.
 */
final class Placement {

    private static final double EPSILON = 1e-9;

    private final NodeResources node;
    private double freeCpus;
    private long freeMemoryMb;
    private final Map<Integer, Double> freeGpus = new LinkedHashMap<>(); // by device id, in the node's order

    Placement(NodeResources node) {
        this.node = node;
        this.freeCpus = node.cpus();
        this.freeMemoryMb = node.memoryMb();
        node.gpus().forEach(id -> freeGpus.put(id, 1.0));
    }

    /**
     * Where a replica was put: the resources it holds while it runs, and the GPU it was given, if any.
     *
     * @param gpuShare the share of {@code gpuDevice} it holds; 0 without a device
     */
    record Assignment(ResourceSpec resources, OptionalInt gpuDevice, double gpuShare) {

        /** For the status: "cpu 0.5, mem 512m, gpu 0 (0.5)". */
        String describe() {
            StringBuilder text = new StringBuilder("cpu ").append(number(resources.cpus()));
            if (resources.memoryMb() > 0) {
                text.append(", mem ").append(resources.memoryMb()).append('m');
            }
            gpuDevice.ifPresent(device -> text.append(", gpu ").append(device).append(" (").append(number(gpuShare))
                    .append(')'));
            if (resources.gpus() > 0 && gpuDevice.isEmpty()) {
                text.append(", no gpu (cpu fallback)");
            }
            return text.toString();
        }
    }

    /** The node it packs onto. */
    NodeResources node() {
        return node;
    }

    /** Whether the node has no GPU at all, so that GPU hints run on the CPU. */
    boolean cpuOnly() {
        return freeGpus.isEmpty();
    }

    /** Reserves what {@code resources} ask for, if it is free. */
    Optional<Assignment> reserve(ResourceSpec resources) {
        if (whyNot(resources).isPresent()) {
            return Optional.empty();
        }
        OptionalInt device = OptionalInt.empty();
        double share = 0;
        if (resources.gpus() > 0 && !cpuOnly()) {
            share = Math.min(resources.gpus(), 1.0);
            device = OptionalInt.of(deviceWith(share).orElseThrow());
            freeGpus.merge(device.getAsInt(), -share, Double::sum);
        }
        freeCpus -= resources.cpus();
        freeMemoryMb -= resources.memoryMb();
        return Optional.of(new Assignment(resources, device, share));
    }

    /**
     * Why {@code resources} do not fit now, as a reason for a pending replica: "needs 1.0 GPU, 0.5 free
     * on gpu 0"; empty when they fit.
     */
    Optional<String> whyNot(ResourceSpec resources) {
        if (resources.cpus() > freeCpus + EPSILON) {
            return Optional.of("needs " + number(resources.cpus()) + " CPU, " + number(Math.max(0, freeCpus))
                    + " free of " + number(node.cpus()));
        }
        if (resources.memoryMb() > freeMemoryMb) {
            return Optional.of("needs " + resources.memoryMb() + " MiB of memory, " + Math.max(0, freeMemoryMb)
                    + " MiB free of " + node.memoryMb());
        }
        if (resources.gpus() > 0 && !cpuOnly()) {
            double share = Math.min(resources.gpus(), 1.0);
            if (deviceWith(share).isEmpty()) {
                StringBuilder free = new StringBuilder();
                freeGpus.forEach((id, left) -> free.append(free.isEmpty() ? "" : ", ").append(number(Math.max(0, left)))
                        .append(" free on gpu ").append(id));
                return Optional.of("needs " + number(share) + " GPU, " + free);
            }
        }
        return Optional.empty();
    }

    /** Gives back what {@link #reserve} gave a replica that has stopped. */
    void release(Assignment assignment) {
        freeCpus = Math.min(node.cpus(), freeCpus + assignment.resources().cpus());
        freeMemoryMb = Math.min(node.memoryMb(), freeMemoryMb + assignment.resources().memoryMb());
        assignment.gpuDevice().ifPresent(device -> freeGpus.computeIfPresent(device,
                (id, left) -> Math.min(1.0, left + assignment.gpuShare())));
    }

    /** What is free now, for the status. */
    Map<String, Object> free() {
        Map<String, Object> free = new LinkedHashMap<>();
        free.put("cpus", round(freeCpus));
        free.put("memoryMb", freeMemoryMb);
        Map<String, Double> gpus = new LinkedHashMap<>();
        freeGpus.forEach((id, left) -> gpus.put(Integer.toString(id), round(left)));
        free.put("gpus", gpus);
        return free;
    }

    private OptionalInt deviceWith(double share) {
        for (Map.Entry<Integer, Double> device : freeGpus.entrySet()) {
            if (device.getValue() + EPSILON >= share) {
                return OptionalInt.of(device.getKey());
            }
        }
        return OptionalInt.empty();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0$", "");
    }
}
