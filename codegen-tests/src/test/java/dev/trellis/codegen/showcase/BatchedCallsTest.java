package dev.trellis.codegen.showcase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.server.TrellisApplication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated code of a {@code @Batch} method end to end in one JVM: the handle takes one text, the
 * replica gathers concurrent calls into batches of up to 4, and each caller gets its own answer.
 */
class BatchedCallsTest {

    @Test
    void concurrentCallsAreBatchedAndEachCallerGetsItsOwnResult() {
        try (TrellisApplication app = TrellisApplication.start(new ShowcaseAppGraph())) {
            EchoHandle echo = new EchoHandle(app.channel("Echo"));
            List<DeploymentResponse<Integer>> responses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                responses.add(echo.lengths("x".repeat(i)));
            }

            List<Integer> lengths = DeploymentResponse.joinAll(responses);

            for (int i = 0; i < 40; i++) {
                assertEquals(i, lengths.get(i));
            }
            long[] sizes = app.batchSizes("Echo", "lengths");
            long calls = 0;
            for (int size = 1; size < sizes.length; size++) {
                calls += size * sizes[size];
            }
            assertEquals(40, calls, "every call ran in some batch: " + Arrays.toString(sizes));
            assertTrue(Arrays.stream(sizes, 2, sizes.length).sum() > 0, "some batches held several calls: "
                    + Arrays.toString(sizes));
        }
    }
}
