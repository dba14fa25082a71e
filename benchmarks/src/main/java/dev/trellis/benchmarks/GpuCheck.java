package dev.trellis.benchmarks;

import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.server.TrellisApplication;
import java.time.Duration;
import java.util.List;
import java.util.Random;

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
        // Clients alternate between the two deployments, half on each.
        return ClosedLoad.rowsPerSecond(client -> client % 2 == 0 ? first::classify : second::classify, List.of(row),
                2 * CLIENTS_PER_MODEL, Duration.ofSeconds(1), Duration.ofMillis(MEASURED_MILLIS));
    }
}
