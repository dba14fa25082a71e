package dev.trellis.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.stats.MethodRecorder.Outcome;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MethodRecorderTest {

    @Test
    void aCallsOutcomeIsReadFromItsResult() {
        CompletableFuture<Object> cancelled = new CompletableFuture<>();
        cancelled.cancel(true);

        assertEquals(Outcome.OK, MethodRecorder.outcomeOf(CompletableFuture.completedFuture("x")));
        assertEquals(Outcome.CANCELLED, MethodRecorder.outcomeOf(cancelled));
        assertEquals(Outcome.TIMED_OUT, MethodRecorder.outcomeOf(CompletableFuture.failedFuture(
                new DeploymentTimeoutException("D", "late"))));
        assertEquals(Outcome.FAILED, MethodRecorder.outcomeOf(CompletableFuture.failedFuture(
                new DeploymentException("D", "it threw", null))));
        assertEquals(Outcome.CANCELLED, MethodRecorder.outcomeOf(CompletableFuture.failedFuture(
                new java.util.concurrent.CancellationException("gone"))));
        assertEquals(Outcome.REFUSED, MethodRecorder.outcomeOf(CompletableFuture.failedFuture(new DeploymentException(
                "D", "it refused", new DeploymentException("E", "refused its arguments", new IllegalArgumentException("bad"))))),
                "arguments refused down the chain are the caller's fault");
    }

    @Test
    void outcomesAndTimesAddUp() {
        MethodRecorder recorder = new MethodRecorder();
        recorder.finished(Outcome.OK);
        recorder.finished(Outcome.OK);
        recorder.finished(Outcome.FAILED);
        recorder.finished(Outcome.REFUSED);
        recorder.finished(Outcome.REFUSED);
        recorder.finished(Outcome.TIMED_OUT);
        recorder.finished(Outcome.CANCELLED);
        recorder.waited(2_000_000);
        recorder.processed(5_000_000, 3);

        MethodFigures figures = recorder.figures();

        assertEquals(new MethodFigures(figures.processing(), figures.queueWait(), 2, 1, 2, 1, 1), figures);
        assertEquals(3, figures.processing().count());
        assertEquals(15_000_000, figures.processing().sumNanos());
        assertEquals(1, figures.queueWait().count());
    }
}
