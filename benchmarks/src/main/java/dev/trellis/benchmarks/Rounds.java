package dev.trellis.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every figure of every round of a benchmark, kept so that the results file can give medians and the
 * rounds file every value behind them. A row is one variant measured once in one round.
 */
final class Rounds {

    private final List<String> columns;
    private final List<Row> rows = new ArrayList<>();

    private record Row(int round, String variant, Map<String, Double> figures) {}

    /** @param columns the figures a row may have, in the order the CSV lists them */
    Rounds(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Records {@code figures} (column → value) of {@code variant} in {@code round}. */
    void add(int round, String variant, Map<String, Double> figures) {
        for (String column : figures.keySet()) {
            if (!columns.contains(column)) {
                throw new IllegalArgumentException("no column " + column);
            }
        }
        rows.add(new Row(round, variant, new LinkedHashMap<>(figures)));
    }

    /** The median over the rounds of {@code figure} of {@code variant}. */
    double median(String variant, String figure) {
        return median(values(variant, figure));
    }

    /** The sum over the rounds of {@code figure} of {@code variant}, such as failed requests. */
    double sum(String variant, String figure) {
        return Arrays.stream(values(variant, figure)).sum();
    }

    /** The largest value over the rounds of {@code figure} of {@code variant}. */
    double max(String variant, String figure) {
        return Arrays.stream(values(variant, figure)).max().orElseThrow();
    }

    /** The median over the rounds of {@code numerator} / {@code denominator}, each ratio within one round. */
    double medianRatio(String numerator, String denominator, String figure) {
        return median(ratios(numerator, denominator, figure));
    }

    double minRatio(String numerator, String denominator, String figure) {
        return Arrays.stream(ratios(numerator, denominator, figure)).min().orElseThrow();
    }

    double maxRatio(String numerator, String denominator, String figure) {
        return Arrays.stream(ratios(numerator, denominator, figure)).max().orElseThrow();
    }

    private double[] ratios(String numerator, String denominator, String figure) {
        List<Double> ratios = new ArrayList<>();
        for (Row top : rows) {
            if (!top.variant.equals(numerator) || !top.figures.containsKey(figure)) {
                continue;
            }
            for (Row bottom : rows) {
                if (bottom.round == top.round && bottom.variant.equals(denominator)) {
                    ratios.add(top.figures.get(figure) / bottom.figures.get(figure));
                }
            }
        }
        if (ratios.isEmpty()) {
            throw new IllegalArgumentException("no rounds of " + numerator + " and " + denominator);
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double[] values(String variant, String figure) {
        double[] values = rows.stream().filter(row -> row.variant.equals(variant))
                .map(row -> row.figures.get(figure)).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("no " + figure + " of " + variant);
        }
        return values;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** One line per row, in the order measured: {@code round,variant,<columns>}, empty where a row has no value. */
    void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("round,variant,").append(String.join(",", columns)).append('\n');
        for (Row row : rows) {
            csv.append(row.round).append(',').append(row.variant);
            for (String column : columns) {
                Double value = row.figures.get(column);
                csv.append(',').append(value == null ? "" : String.format(Locale.ROOT, "%.4f", value));
            }
            csv.append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }
}
