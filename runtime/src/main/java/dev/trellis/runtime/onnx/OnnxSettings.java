package dev.trellis.runtime.onnx;

import dev.trellis.runtime.DeploymentContext;
import java.util.OptionalInt;

/**
 * How a replica opens its models.
 *
 * @param intraOpThreads threads ONNX Runtime may use inside one operator, at least 1
 * @param cudaDevice the CUDA device to run on, or empty for the CPU
 * @param warmUp whether {@link OnnxModel#open} runs the model once before it returns, so that the first
 *     request does not pay for ONNX Runtime's lazy initialisation
 */
public record OnnxSettings(int intraOpThreads, OptionalInt cudaDevice, boolean warmUp) {

    public OnnxSettings {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, was " + intraOpThreads);
        }
        cudaDevice.ifPresent(device -> {
            if (device < 0) {
                throw new IllegalArgumentException("a CUDA device id is not negative, was " + device);
            }
        });
    }

    /** On the CPU with {@code intraOpThreads} threads, warmed up. */
    public static OnnxSettings cpu(int intraOpThreads) {
        return new OnnxSettings(intraOpThreads, OptionalInt.empty(), true);
    }

    /**
     * What a replica's resources ask for: as many intra-op threads as its {@code cpus} hint (rounded up,
     * at least 1), and the CUDA device its placement gave it. A replica that asks for GPUs where none
     * is present, or none has room, was given none (the placement logged a warning) and runs on the CPU;
     * one whose device CUDA cannot start on falls back to the CPU with a warning too.
     */
    public static OnnxSettings forReplica(DeploymentContext context) {
        int threads = Math.max(1, (int) Math.ceil(context.resources().cpus()));
        OptionalInt device = context.resources().gpus() > 0 ? context.gpuDevice() : OptionalInt.empty();
        return new OnnxSettings(threads, device, true);
    }
}
