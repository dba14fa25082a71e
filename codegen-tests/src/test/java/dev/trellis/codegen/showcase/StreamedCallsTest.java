package dev.trellis.codegen.showcase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.runtime.DeploymentStream;
import dev.trellis.runtime.server.TrellisApplication;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The generated code of a streaming method end to end in one JVM: the handle returns a
 * {@link DeploymentStream} whose items are the records the replica's {@code Stream} produced.
 */
class StreamedCallsTest {

    @Test
    void theHandleReadsTheItemsOfTheStream() {
        try (TrellisApplication app = TrellisApplication.start(new ShowcaseAppGraph());
                DeploymentStream<Point> walk = new EchoHandle(app.channel("Echo")).walk(5)) {
            assertEquals(IntStream.range(0, 5).mapToObj(step -> new Point(step, step * 2f)).toList(),
                    walk.stream().toList());
        }
    }

    @Test
    void anEmptyStreamEndsAtOnce() {
        try (TrellisApplication app = TrellisApplication.start(new ShowcaseAppGraph());
                DeploymentStream<Point> walk = new EchoHandle(app.channel("Echo")).walk(0)) {
            assertEquals(List.of(), walk.stream().toList());
        }
    }
}
