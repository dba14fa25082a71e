package dev.trellis.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of wrk (a process of its own, written in C: it costs the machine little per request) posting
 * a JSON body with {@code benchmarks/wrk/post-json.lua}, and what it printed: requests per second, the
 * latency percentiles of {@code --latency}, and the answers that were not 2xx or failed outright.
 */
record WrkRun(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long failed) {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** Runs wrk for {@code seconds} with {@code connections} on {@code threads} threads against {@code url}. */
    static WrkRun run(Path script, String url, String body, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + seconds + "s", "--latency", "-s", script.toString(), url)).redirectErrorStream(true);
        builder.environment().put("WRK_BODY", body);
        Process wrk = builder.start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        return parse(output);
    }

    static WrkRun parse(String output) {
        long failed = 0;
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            failed += Long.parseLong(non2xx.group(1));
        }
        Matcher errors = ERRORS.matcher(output);
        if (errors.find()) {
            for (int group = 1; group <= 4; group++) {
                failed += Long.parseLong(errors.group(group));
            }
        }
        return new WrkRun(number(RATE, output), percentile(output, "50%"), percentile(output, "99%"),
                (long) number(TOTAL, output), failed);
    }

    private static double number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("wrk printed no " + pattern + ": " + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    /** A line of the latency distribution, "99%   12.34ms", in milliseconds. */
    private static double percentile(String output, String label) {
        Matcher matcher = Pattern.compile("^\\s*" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)\\s*$",
                Pattern.MULTILINE).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("wrk printed no " + label + " latency: " + output);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.0f req/s p50 %.2f ms p99 %.2f ms%s", requestsPerSecond, p50Millis,
                p99Millis, failed == 0 ? "" : " (" + failed + " failed)");
    }
}
