package dev.trellis.runtime.replica;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.graph.Dispatcher;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake deployment for router tests, with what the processor would generate for it. It logs the
 * order in which calls start and counts how many of its calls run at once.
 */
final class Worker {

    static final DeploymentMethod<String> WORK = new DeploymentMethod<>("Worker", "work", 0);
    static final DeploymentMethod<String> FAIL = new DeploymentMethod<>("Worker", "fail", 1);

    static final Dispatcher<Worker> DISPATCHER = (target, method, args) -> switch (method) {
        case 0 -> target.work((Task) args[0]);
        case 1 -> target.fail((RuntimeException) args[0]);
        default -> throw new IllegalArgumentException("Worker has no method " + method);
    };

    private final Queue<String> startOrder;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();

    Worker(Queue<String> startOrder) {
        this.startOrder = startOrder;
    }

    String work(Task task) throws InterruptedException {
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            startOrder.add(task.name());
            task.started().countDown();
            if (task.release() != null && !task.release().await(Task.DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released " + task.name());
            }
            return task.name();
        } catch (InterruptedException e) {
            task.interrupted().countDown();
            throw e;
        } finally {
            running.decrementAndGet();
        }
    }

    String fail(RuntimeException failure) {
        throw failure;
    }

    /** The most calls this instance ran at once. */
    int mostRunning() {
        return mostRunning.get();
    }
}
