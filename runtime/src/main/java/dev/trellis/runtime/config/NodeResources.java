package dev.trellis.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the machine the replicas run on offers them: CPUs, memory and GPUs (by device id). The
 * controller packs replicas onto it by their {@code @Resources} hints. Configuration like any other:
 * read once at the edge, from {@code -Dtrellis.node} ({@code cpu:8,mem:32g,gpu:2}) or by looking at the
 * machine ({@link #detect()}).
 *
 * @param cpus CPU cores replicas may reserve
 * @param memoryMb memory replicas may reserve, in MiB
 * @param gpus the ids of the GPUs replicas may be placed on
 */
public record NodeResources(double cpus, long memoryMb, List<Integer> gpus) {

    /** The system property describing the node, as {@link #parse} reads it. */
    public static final String PROPERTY = "trellis.node";
    /** The environment variable describing the node, when the property is not set. */
    public static final String ENV = "TRELLIS_NODE";
    /** The system property that says how many GPUs this machine has, when only that differs from detection. */
    public static final String GPUS_PROPERTY = "trellis.gpus";
    /** The environment variable that says the same. */
    public static final String GPUS_ENV = "TRELLIS_GPUS";

    public NodeResources {
        if (!(cpus >= 0) || Double.isInfinite(cpus)) {
            throw new IllegalArgumentException("a node has a finite, non-negative number of CPUs, not " + cpus);
        }
        if (memoryMb < 0) {
            throw new IllegalArgumentException("a node has no negative memory: " + memoryMb);
        }
        gpus = List.copyOf(gpus);
        if (gpus.stream().anyMatch(id -> id < 0) || gpus.stream().distinct().count() != gpus.size()) {
            throw new IllegalArgumentException("GPU ids are distinct and not negative: " + gpus);
        }
    }

    /** A node with {@code gpus} GPUs numbered from 0. */
    public static NodeResources of(double cpus, long memoryMb, int gpus) {
        if (gpus < 0) {
            throw new IllegalArgumentException("a node has no negative number of GPUs: " + gpus);
        }
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < gpus; id++) {
            ids.add(id);
        }
        return new NodeResources(cpus, memoryMb, ids);
    }

    /** Room for anything a test declares: 1,024 CPUs, 1 TiB, no GPU. */
    public static NodeResources unlimited() {
        return of(1024, 1024L * 1024, 0);
    }

    /**
     * This machine: its available processors, its physical memory, and the GPUs {@code nvidia-smi -L}
     * lists ({@code gpusOverride} replaces the count when given).
     */
    public static NodeResources detect(java.util.OptionalInt gpusOverride) {
        int gpus = gpusOverride.isPresent() ? gpusOverride.getAsInt() : nvidiaSmiDevices();
        return of(Runtime.getRuntime().availableProcessors(), physicalMemoryMb(), gpus);
    }

    /**
     * A node described as {@code cpu:8,mem:32g,gpu:2}: any of the three, in any order; memory in
     * {@code m} or {@code g} (MiB or GiB, {@code m} when no unit is given); what it leaves out is read
     * from {@code defaults}.
     *
     * @throws IllegalArgumentException naming the part it cannot read
     */
    public static NodeResources parse(String text, NodeResources defaults) {
        double cpus = defaults.cpus();
        long memoryMb = defaults.memoryMb();
        List<Integer> gpus = defaults.gpus();
        for (String part : text.split(",")) {
            String trimmed = part.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String key = colon < 0 ? trimmed : trimmed.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : trimmed.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            try {
                switch (key) {
                    case "cpu", "cpus" -> cpus = Double.parseDouble(value);
                    case "mem", "memory" -> memoryMb = megabytes(value);
                    case "gpu", "gpus" -> gpus = of(0, 0, Integer.parseInt(value)).gpus();
                    default -> throw new IllegalArgumentException("unknown resource '" + key + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a number of " + key, e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot read node resources '" + text + "': " + e.getMessage()
                        + "; write them as cpu:8,mem:32g,gpu:2", e);
            }
        }
        return new NodeResources(cpus, memoryMb, gpus);
    }

    private static long megabytes(String value) {
        if (value.endsWith("g")) {
            return Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1024);
        }
        return Long.parseLong(value.endsWith("m") ? value.substring(0, value.length() - 1) : value);
    }

    private static long physicalMemoryMb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    private static int nvidiaSmiDevices() {
        try {
            Process smi = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
            // Its listing is a line per GPU, far below a pipe's buffer: wait first, so a hung nvidia-smi
            // costs the timeout, not the start of the application.
            if (!smi.waitFor(10, TimeUnit.SECONDS) || smi.exitValue() != 0) {
                smi.destroyForcibly();
                return 0;
            }
            String listing;
            try (InputStream out = smi.getInputStream()) {
                listing = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            return (int) listing.lines().filter(line -> line.startsWith("GPU ")).count();
        } catch (IOException e) {
            return 0; // no nvidia-smi: no NVIDIA GPU to place on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public String toString() {
        return "cpu:" + cpus + ",mem:" + memoryMb + "m,gpu:" + gpus.size();
    }
}
