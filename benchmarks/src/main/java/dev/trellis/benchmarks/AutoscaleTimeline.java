package dev.trellis.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * What the controller saw every 100 ms of the autoscaling benchmark, kept as CSV and drawn as a chart:
 * the replica count it scaled the worker to, the replicas running, and the ongoing requests it averaged.
 */
final class AutoscaleTimeline {

    /** One sample: seconds since the start, and what the status said then. */
    record Sample(double seconds, int target, int running, double averageOngoing, int coldRunning) {}

    private final List<Sample> samples = new ArrayList<>();
    private final List<double[]> steps = new ArrayList<>(); // [start, end] seconds of each load step

    synchronized void add(Sample sample) {
        samples.add(sample);
    }

    synchronized void step(double startSeconds, double endSeconds) {
        steps.add(new double[] {startSeconds, endSeconds});
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    synchronized void writeCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("seconds,worker_target,worker_running,worker_average_ongoing,cold_running");
        for (Sample sample : samples) {
            lines.add(String.format(java.util.Locale.ROOT, "%.2f,%d,%d,%.2f,%d", sample.seconds(), sample.target(),
                    sample.running(), sample.averageOngoing(), sample.coldRunning()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
    }

    /** Replicas (left axis, steps) and average ongoing requests (right axis) over time; load steps shaded. */
    synchronized void draw(Path png, String title) throws IOException {
        XYSeries target = new XYSeries("ScaledWorker: replicas decided");
        XYSeries running = new XYSeries("ScaledWorker: replicas running");
        XYSeries cold = new XYSeries("ColdWorker: replicas running");
        XYSeries ongoing = new XYSeries("ScaledWorker: ongoing requests (averaged over 1 s)");
        for (Sample sample : samples) {
            target.add(sample.seconds(), sample.target());
            running.add(sample.seconds(), sample.running());
            cold.add(sample.seconds(), sample.coldRunning());
            ongoing.add(sample.seconds(), sample.averageOngoing());
        }
        XYSeriesCollection replicas = new XYSeriesCollection();
        replicas.addSeries(target);
        replicas.addSeries(running);
        replicas.addSeries(cold);
        NumberAxis replicaAxis = new NumberAxis("replicas");
        replicaAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        replicaAxis.setRange(0, 4);
        XYStepRenderer steps = new XYStepRenderer();
        steps.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
        steps.setSeriesStroke(0, new BasicStroke(2.5f));
        steps.setSeriesPaint(1, new Color(0x2c, 0xa0, 0x2c));
        steps.setSeriesStroke(1, new BasicStroke(1.5f));
        steps.setSeriesPaint(2, new Color(0x94, 0x67, 0xbd));
        steps.setSeriesStroke(2, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {4, 3}, 0));
        XYPlot plot = new XYPlot(replicas, new NumberAxis("seconds"), replicaAxis, steps);
        XYSeriesCollection load = new XYSeriesCollection(ongoing);
        NumberAxis loadAxis = new NumberAxis("ongoing requests");
        plot.setRangeAxis(1, loadAxis);
        plot.setDataset(1, load);
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, new Color(0xd6, 0x27, 0x28));
        plot.setRenderer(1, line);
        for (double[] step : this.steps) {
            IntervalMarker marker = new IntervalMarker(step[0], step[1], new Color(0xff, 0xbb, 0x78, 0x50));
            marker.setLabel("load step");
            plot.addDomainMarker(marker);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Files.createDirectories(png.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 500);
    }
}
