package dev.trellis.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.CallContext;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real ONNX Runtime session over a model built in code (MatMul, Add, Softmax). */
class OnnxModelTest {

    private OnnxModel model;

    @BeforeEach
    void open() {
        model = OnnxModel.open("classifier", OnnxGraphs.matMulAddSoftmax(), OnnxSettings.cpu(1));
    }

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void describesWhatItExpectsAndGives() {
        assertEquals("[x float32 [batch, 4]]", model.inputs().toString());
        assertEquals("[y float32 [batch, 3]]", model.outputs().toString());
        assertEquals("CPU", model.provider());
    }

    @Test
    void runsABatchAndAnswersAsTheGraphComputes() {
        float[][] rows = {{1, 2, 3, 4}, {0.5f, -1, 0, 2}};

        Tensor y = model.run(Tensor.floats(new long[] {2, 4}, new float[] {1, 2, 3, 4, 0.5f, -1, 0, 2}));

        assertArrayEquals(new long[] {2, 3}, y.shape());
        float[] values = y.floats();
        for (int row = 0; row < 2; row++) {
            float[] expected = expectedSoftmax(rows[row]);
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], values[row * 3 + i], 1e-5, "row " + row + ", class " + i);
            }
        }
    }

    @Test
    void aPerceptronBuiltInCodeGivesAProbabilityPerClass() {
        try (OnnxModel mlp = OnnxModel.open("mlp", OnnxGraphs.mlp(8, 16, 3, 42), OnnxSettings.cpu(1))) {
            float[] rows = new float[2 * 8];
            java.util.Arrays.fill(rows, 0.25f);

            float[] y = mlp.run(Tensor.floats(new long[] {2, 8}, rows)).floats();

            assertEquals("[x float32 [batch, 8]]", mlp.inputs().toString());
            assertEquals(1.0, y[0] + y[1] + y[2], 1e-5);
            assertEquals(1.0, y[3] + y[4] + y[5], 1e-5);
        }
    }

    @Test
    void anUnknownInputNameSaysWhichInputsTheModelHas() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> model.run(Map.of("z", Tensor.floats(new long[] {1, 4}, new float[4]))));

        assertEquals("Model classifier has no input 'z'; it expects [x float32 [batch, 4]]", wrong.getMessage());
    }

    @Test
    void aWrongElementTypeSaysWhatTheModelExpects() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> model.run(Tensor.longs(new long[] {1, 4}, new long[4])));

        assertEquals("Model classifier expects input x float32 [batch, 4], but its element type is int64",
                wrong.getMessage());
    }

    @Test
    void aWrongShapeSaysWhichDimensionDiffers() {
        IllegalArgumentException wrongSize = assertThrows(IllegalArgumentException.class,
                () -> model.run(Tensor.floats(new long[] {2, 5}, new float[10])));
        IllegalArgumentException wrongRank = assertThrows(IllegalArgumentException.class,
                () -> model.run(Tensor.floats(new long[] {4}, new float[4])));

        assertEquals("Model classifier expects input x float32 [batch, 4], but its shape [2, 5] has 5 in"
                + " dimension 1", wrongSize.getMessage());
        assertEquals("Model classifier expects input x float32 [batch, 4], but its shape [4] has 1 dimensions",
                wrongRank.getMessage());
    }

    @Test
    void aMissingInputIsNamed() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> model.run(Map.of()));

        assertEquals("Model classifier needs input x float32 [batch, 4], which is missing", missing.getMessage());
    }

    @Test
    void aTensorWhoseDataDoesNotFillItsShapeIsRefused() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Tensor.floats(new long[] {2, 4}, new float[7]));

        assertEquals("A float32 tensor of shape [2, 4] has 8 elements, but 7 were given", wrong.getMessage());
    }

    @Test
    void aRunForACancelledCallStopsWithCancellation() {
        CallContext cancelled = CallContext.withTimeout(Duration.ofMinutes(1));
        cancelled.cancel();

        CancellationException stopped = assertThrows(CancellationException.class,
                () -> cancelled.run(() -> model.run(Tensor.floats(new long[] {1, 4}, new float[4]))));

        assertTrue(stopped.getMessage().startsWith("Model classifier stopped"), stopped.getMessage());
        assertEquals(3, model.run(Tensor.floats(new long[] {1, 4}, new float[4])).size(), "the next run is fine");
    }

    @Test
    void askingForCudaWhereItCannotStartFallsBackToTheCpu() {
        try (OnnxModel wantsGpu = OnnxModel.open("classifier", OnnxGraphs.matMulAddSoftmax(),
                new OnnxSettings(1, OptionalInt.of(0), true))) {
            // The CPU artifact has no CUDA provider (and this machine no GPU): it runs on the CPU.
            assertEquals("CPU", wantsGpu.provider());
            assertEquals(List.of(1L, 3L), java.util.Arrays.stream(
                    wantsGpu.run(Tensor.floats(new long[] {1, 4}, new float[4])).shape()).boxed().toList());
        }
    }

    @Test
    void opensAModelFileAndRefusesWhatIsNotOne(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("classifier.onnx");
        Files.write(file, OnnxGraphs.matMulAddSoftmax());
        Path garbage = directory.resolve("garbage.onnx");
        Files.writeString(garbage, "not a model");

        try (OnnxModel fromFile = OnnxModel.open(file, OnnxSettings.cpu(1))) {
            assertEquals("classifier.onnx", fromFile.name());
        }
        IllegalArgumentException notAModel = assertThrows(IllegalArgumentException.class,
                () -> OnnxModel.open(garbage, OnnxSettings.cpu(1)));
        assertTrue(notAModel.getMessage().startsWith("ONNX Runtime cannot load the model garbage.onnx"),
                notAModel.getMessage());
        assertThrows(UncheckedIOException.class, () -> OnnxModel.open(directory.resolve("missing.onnx"),
                OnnxSettings.cpu(1)));
    }

    /** What {@link OnnxGraphs#matMulAddSoftmax()} computes for one row, in plain Java, to check results against. */
    static float[] expectedSoftmax(float[] x) {
        float[] logits = {x[0] + x[3] + 0.5f, x[1] + x[3] - 0.5f, x[2] + x[3]};
        float max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        float sum = 0;
        float[] y = new float[3];
        for (int i = 0; i < 3; i++) {
            y[i] = (float) Math.exp(logits[i] - max);
            sum += y[i];
        }
        for (int i = 0; i < 3; i++) {
            y[i] /= sum;
        }
        return y;
    }
}
