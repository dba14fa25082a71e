package dev.trellis.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.BatchSpec;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.Dispatcher;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestApps;
import dev.trellis.runtime.testapp.TestGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Batching with a real model: concurrent callers of a {@code @Batch} method that runs the MatMul, Add,
 * Softmax graph once per batch each get the probabilities of their own row, and a row of the wrong size
 * fails its whole batch with the model's own explanation.
 */
public class BatchedOnnxTest {

    public static final DeploymentMethod<float[]> CLASSIFY = new DeploymentMethod<>("Classifier", "classify", 0, false,
            new BatchSpec(8, 20, 1));

    /** What the processor would generate for a deployment with {@code @Batch List<float[]> classify(List<float[]>)}. */
    static final class Classifier implements AutoCloseable {
        final OnnxModel model = OnnxModel.open("classifier", OnnxGraphs.matMulAddSoftmax(), OnnxSettings.cpu(1));

        List<float[]> classify(List<float[]> rows) {
            int width = rows.get(0).length; // the model, not this code, judges whether it is right
            float[] batch = new float[rows.size() * width];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i), 0, batch, i * width, width);
            }
            float[] y = model.run(Tensor.floats(new long[] {rows.size(), width}, batch)).floats();
            List<float[]> results = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                results.add(Arrays.copyOfRange(y, i * 3, i * 3 + 3));
            }
            return results;
        }

        @Override
        public void close() {
            model.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static final Dispatcher<Classifier> DISPATCHER =
            (target, method, args) -> target.classify((List<float[]>) args[0]);

    public static ApplicationGraph graph() {
        return new TestGraph("batched-onnx", List.of(new DeploymentNode<>("Classifier", new DeploymentSpec(1, 64, -1,
                new ResourceSpec(1, 0, 0)), List.of(), context -> new Classifier(), DISPATCHER,
                LocalOnlyWire.listing(CLASSIFY))));
    }

    @Test
    void eachCallerOfABatchedModelGetsTheProbabilitiesOfItsOwnRow() {
        try (TrellisApplication app = TestApps.start(graph())) {
            List<float[]> rows = new ArrayList<>();
            List<DeploymentResponse<float[]>> responses = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                float[] row = {i, -i / 2f, 1, i % 3};
                rows.add(row);
                responses.add(app.ingress().call(CLASSIFY, new Object[] {row}));
            }

            List<float[]> answers = DeploymentResponse.joinAll(responses);

            for (int i = 0; i < rows.size(); i++) {
                float[] expected = OnnxModelTest.expectedSoftmax(rows.get(i));
                for (int k = 0; k < 3; k++) {
                    assertEquals(expected[k], answers.get(i)[k], 1e-5, "row " + i + ", class " + k);
                }
            }
            long[] sizes = app.batchSizes("Classifier", "classify");
            assertTrue(Arrays.stream(sizes, 2, sizes.length).sum() > 0, "rows were batched: " + Arrays.toString(sizes));
        }
    }

    @Test
    void aRowOfTheWrongSizeFailsItsBatchWithTheModelsExplanation() {
        try (TrellisApplication app = TestApps.start(graph())) {
            DeploymentException failure = assertThrows(DeploymentException.class,
                    () -> app.ingress().call(CLASSIFY, new Object[] {new float[] {1, 2, 3}}).join());

            assertTrue(failure.getMessage().contains("Model classifier expects input x float32 [batch, 4], but its shape"
                    + " [1, 3] has 3 in dimension 1"), failure.getMessage());
        }
    }
}
