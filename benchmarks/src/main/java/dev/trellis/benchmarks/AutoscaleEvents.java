package dev.trellis.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the autoscaling load generator wrote: when each step started and ended, how long each call to the
 * deployment at zero took, how many calls were answered and how many failed.
 *
 * @param stepStarts wall-clock millis of each step's start
 * @param steps each step as [start, end] seconds since the benchmark's start
 * @param coldSeconds each wake-from-zero call's time to its answer
 */
record AutoscaleEvents(List<Long> stepStarts, List<double[]> steps, List<Double> coldSeconds, long answered,
        long failed, String firstFailure) {

    static AutoscaleEvents read(Path file, long startedMillis) throws IOException {
        List<Long> starts = new ArrayList<>();
        List<double[]> steps = new ArrayList<>();
        List<Double> cold = new ArrayList<>();
        long answered = 0;
        long failed = 0;
        String firstFailure = "";
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.split("\t", -1);
            switch (fields[0]) {
                case "step-start" -> starts.add(Long.parseLong(fields[2]));
                case "step-end" -> steps.add(new double[] {(starts.getLast() - startedMillis) / 1000.0,
                        (Long.parseLong(fields[2]) - startedMillis) / 1000.0});
                case "cold" -> {
                    if (!fields[4].equals("200")) {
                        throw new IllegalStateException("the call that woke the deployment at zero answered " + fields[4]);
                    }
                    cold.add((Long.parseLong(fields[3]) - Long.parseLong(fields[2])) / 1000.0);
                }
                case "answered" -> answered = Long.parseLong(fields[1]);
                case "failed" -> {
                    failed = Long.parseLong(fields[1]);
                    firstFailure = fields[2];
                }
                default -> throw new IllegalStateException("unknown event: " + line);
            }
        }
        return new AutoscaleEvents(starts, steps, cold, answered, failed, firstFailure);
    }
}
