package dev.trellis.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One kind of node an application may be deployed on, as {@code -Atrellis.nodeProfiles} describes it
 * ({@code cpu:8,mem:32g,gpu:1}); a resource it does not name is not limited.
 *
 * @param text how the option wrote it, for messages
 * @param cpus CPU cores, {@link Double#POSITIVE_INFINITY} when not named
 * @param memoryMb memory in MiB, {@link Long#MAX_VALUE} when not named
 * @param gpus whole GPU devices, 0 when not named
 */
public record NodeProfile(String text, double cpus, long memoryMb, int gpus) {

    /**
     * The profiles of the option's value, separated by {@code ;}.
     *
     * @throws IllegalArgumentException naming the part that is not a profile
     */
    public static List<NodeProfile> parseAll(String value) {
        List<NodeProfile> profiles = new ArrayList<>();
        for (String profile : value.split(";")) {
            if (!profile.isBlank()) {
                profiles.add(parse(profile.strip()));
            }
        }
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("it names no profile");
        }
        return List.copyOf(profiles);
    }

    private static NodeProfile parse(String text) {
        double cpus = Double.POSITIVE_INFINITY;
        long memoryMb = Long.MAX_VALUE;
        int gpus = 0;
        for (String part : text.split(",")) {
            String[] keyValue = part.strip().split(":", 2);
            if (keyValue.length != 2) {
                throw new IllegalArgumentException("'" + part.strip() + "' in profile '" + text + "' is not key:value");
            }
            String key = keyValue[0].strip().toLowerCase(Locale.ROOT);
            String value = keyValue[1].strip().toLowerCase(Locale.ROOT);
            try {
                switch (key) {
                    case "cpu", "cpus" -> cpus = positive(Double.parseDouble(value), part);
                    case "mem", "memory" -> memoryMb = value.endsWith("g")
                            ? Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1024)
                            : Long.parseLong(value.endsWith("m") ? value.substring(0, value.length() - 1) : value);
                    case "gpu", "gpus" -> gpus = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("'" + key + "' in profile '" + text
                            + "' is not cpu, mem or gpu");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part.strip() + "' in profile '" + text + "' is not a number");
            }
            if (memoryMb < 0 || gpus < 0) {
                throw new IllegalArgumentException("'" + part.strip() + "' in profile '" + text + "' is negative");
            }
        }
        return new NodeProfile(text, cpus, memoryMb, gpus);
    }

    private static double positive(double value, String part) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("'" + part.strip() + "' is not a finite number of 0 or more");
        }
        return value;
    }
}
