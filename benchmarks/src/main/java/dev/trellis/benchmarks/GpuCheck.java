package dev.trellis.benchmarks;

import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.server.TrellisApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The GPU check of {@code benchmarks/gpu-check.sh}: starts two deployments that ask for half a GPU each,
 * prints the execution provider each model runs on and the batched throughput of both under load, and
 * exits with 1 if CUDA was asked for but not used (no GPU, or the CPU build of ONNX Runtime), else 0.
 */
public final class GpuCheck {

    private static final int CLIENTS_PER_MODEL = 64;
    private static final long MEASURED_MILLIS = Long.getLong("bench.measuredMillis", 5_000);

    private GpuCheck() {}

    public static void main(String[] args) throws Exception {
        NodeResources node = NodeResources.detect(java.util.OptionalInt.empty());
        System.out.println("GPUs found: " + node.gpus().size());
        String first;
        String second;
        double rowsPerSecond;
        try (TrellisApplication app = TrellisApplication.builder(new GpuCheckAppGraph()).node(node).start()) {
            FirstGpuModelHandle firstModel = new FirstGpuModelHandle(app.channel("FirstGpuModel"));
            SecondGpuModelHandle secondModel = new SecondGpuModelHandle(app.channel("SecondGpuModel"));
            first = firstModel.provider().join();
            second = secondModel.provider().join();
            System.out.println("FirstGpuModel (gpus = 0.5) runs on " + first);
            System.out.println("SecondGpuModel (gpus = 0.5) runs on " + second);
            rowsPerSecond = throughput(firstModel, secondModel);
        }
        System.out.printf("batched throughput, both models, %d clients each, batches of up to 32: %.0f rows/s%n",
                CLIENTS_PER_MODEL, rowsPerSecond);
        if (!first.startsWith("CUDA") || !second.startsWith("CUDA")) {
            System.out.println("FAIL: both deployments asked for a GPU (gpus = 0.5) but ran on " + first + " and "
                    + second + ". Is there an NVIDIA GPU (nvidia-smi -L), and was this built with -Pgpu?");
            System.exit(1);
        }
        System.out.println(first.equals(second) ? "OK: both share " + first : "OK: CUDA on " + first + " and "
                + second);
    }

    private static double throughput(FirstGpuModelHandle first, SecondGpuModelHandle second)
            throws InterruptedException {
        Random random = new Random(3);
        float[] row = new float[BatchedClassifier.FEATURES];
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) random.nextGaussian();
        }
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder answered = new LongAdder();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 2 * CLIENTS_PER_MODEL; i++) {
            boolean toFirst = i % 2 == 0;
            clients.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    (toFirst ? first.classify(row) : second.classify(row)).join();
                    answered.increment();
                }
            }));
        }
        Thread.sleep(1_000); // warm-up
        long start = System.nanoTime();
        long before = answered.sum();
        Thread.sleep(MEASURED_MILLIS);
        double rows = answered.sum() - before;
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread client : clients) {
            client.join();
        }
        return rows / seconds;
    }
}
