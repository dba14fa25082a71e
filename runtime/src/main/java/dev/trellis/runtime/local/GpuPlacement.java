package dev.trellis.runtime.local;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Gives replicas that ask for GPUs a device, first fit: a fractional share ({@code gpus = 0.5}) goes to
 * the first device with that much left, so two such replicas share one device; a replica asking for one
 * GPU or more takes a whole free device (its first; Trellis runs a model on one device). A replica that
 * finds no room gets no device, and its models run on the CPU with a warning.
 */
public final class GpuPlacement {

    /** The system property that says how many GPUs this machine has; detected with nvidia-smi otherwise. */
    public static final String DEVICES_PROPERTY = "trellis.gpus";
    /** The environment variable that says the same. */
    public static final String DEVICES_ENV = "TRELLIS_GPUS";

    private static final System.Logger LOGGER = System.getLogger(GpuPlacement.class.getName());
    private static final double EPSILON = 1e-9;

    private final double[] free;

    /** Placement over {@code devices} GPUs, all free. */
    public GpuPlacement(int devices) {
        if (devices < 0) {
            throw new IllegalArgumentException("a machine has no negative number of GPUs: " + devices);
        }
        this.free = new double[devices];
        java.util.Arrays.fill(free, 1.0);
    }

    /**
     * Placement over this machine's GPUs: as many as {@value #DEVICES_PROPERTY} or {@value #DEVICES_ENV}
     * say, else as many as {@code nvidia-smi -L} lists, else none.
     */
    public static GpuPlacement detect() {
        String configured = System.getProperty(DEVICES_PROPERTY, System.getenv(DEVICES_ENV));
        if (configured != null && !configured.isBlank()) {
            try {
                return new GpuPlacement(Integer.parseInt(configured.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(DEVICES_PROPERTY + " must be a number of GPUs, was '" + configured
                        + "'", e);
            }
        }
        return new GpuPlacement(nvidiaSmiDevices());
    }

    /**
     * Why a replica asking for GPUs got none, for the warning that its models run on the CPU: a machine
     * without GPUs is not the same news as a full one.
     */
    public String whyNoDevice() {
        return free.length == 0
                ? "this machine has no GPU (nvidia-smi lists none; -D" + DEVICES_PROPERTY + " or " + DEVICES_ENV
                        + " says otherwise)"
                : "none of its " + free.length + " GPUs has that much room left";
    }

    /** How many devices it places on. */
    public int devices() {
        return free.length;
    }

    /**
     * A device for a replica asking for {@code gpus}; empty if it asks for none or none has room.
     */
    public synchronized OptionalInt place(double gpus) {
        if (gpus <= 0) {
            return OptionalInt.empty();
        }
        double share = Math.min(gpus, 1.0);
        for (int device = 0; device < free.length; device++) {
            if (free[device] + EPSILON >= share) {
                free[device] -= share;
                return OptionalInt.of(device);
            }
        }
        return OptionalInt.empty();
    }

    /** Gives back what {@link #place} gave a replica that has stopped. */
    public synchronized void release(OptionalInt device, double gpus) {
        if (device.isPresent() && gpus > 0) {
            int index = device.getAsInt();
            free[index] = Math.min(1.0, free[index] + Math.min(gpus, 1.0));
        }
    }

    /** What is left on {@code device}, for tests and status. */
    synchronized double free(int device) {
        return free[device];
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
            LOGGER.log(Level.DEBUG, "interrupted while asking nvidia-smi for GPUs");
            return 0;
        }
    }
}
