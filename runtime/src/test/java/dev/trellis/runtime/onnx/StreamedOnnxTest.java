package dev.trellis.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentStream;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.Dispatcher;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestApps;
import dev.trellis.runtime.testapp.TestGraph;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Streaming with a real model: a deployment runs the MatMul, Add, Softmax graph once per item as its
 * reader asks for items, so a reader that stops early stops the model runs too.
 */
class StreamedOnnxTest {

    static final DeploymentMethod<float[]> SCORE_ALL = new DeploymentMethod<>("Scorer", "scoreAll", 0, false, null, true);

    /** What the processor would generate for {@code Stream<float[]> scoreAll(Integer rows)}. */
    static final class Scorer implements AutoCloseable {
        final OnnxModel model = OnnxModel.open("scorer", OnnxGraphs.matMulAddSoftmax(), OnnxSettings.cpu(1));
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);

        Stream<float[]> scoreAll(Integer rows) {
            return IntStream.range(0, rows).mapToObj(StreamedOnnxTest::row).map(row -> {
                runs.incrementAndGet();
                return model.run(Tensor.floats(new long[] {1, 4}, row)).floats();
            }).onClose(closed::countDown);
        }

        @Override
        public void close() {
            model.close();
        }
    }

    static float[] row(int i) {
        return new float[] {i, -i / 2f, 1, i % 3};
    }

    private final Scorer scorer = new Scorer();

    private ApplicationGraph graph() {
        Dispatcher<Scorer> dispatcher = (target, method, args) -> target.scoreAll((Integer) args[0]);
        return new TestGraph("streamed-onnx", List.of(new DeploymentNode<>("Scorer", new DeploymentSpec(1, 4, -1,
                new ResourceSpec(1, 0, 0)), List.of(), context -> scorer, dispatcher, LocalOnlyWire.listing(SCORE_ALL))));
    }

    @Test
    void eachItemIsTheModelsAnswerForItsRow() {
        try (TrellisApplication app = TestApps.start(graph());
                DeploymentStream<float[]> scores = DeploymentStream.of(app.ingress().call(SCORE_ALL, new Object[] {5}))) {
            List<float[]> answers = scores.stream().toList();

            assertEquals(5, answers.size());
            for (int i = 0; i < answers.size(); i++) {
                float[] expected = OnnxModelTest.expectedSoftmax(row(i));
                for (int k = 0; k < 3; k++) {
                    assertEquals(expected[k], answers.get(i)[k], 1e-5, "row " + i + ", class " + k);
                }
            }
        }
    }

    @Test
    void aReaderThatStopsEarlyStopsTheModelRuns() throws Exception {
        try (TrellisApplication app = TestApps.start(graph())) {
            DeploymentStream<float[]> scores = DeploymentStream.of(app.ingress().call(SCORE_ALL, new Object[] {1_000_000}));
            scores.next();

            scores.cancel();

            assertTrue(scorer.closed.await(30, TimeUnit.SECONDS), "the stream was closed");
            int runs = scorer.runs.get();
            assertTrue(runs < 1_000_000, "stopped after " + runs + " of a million rows");
            Thread.sleep(100);
            assertEquals(runs, scorer.runs.get(), "no model run after the stream was closed");
        }
    }
}
