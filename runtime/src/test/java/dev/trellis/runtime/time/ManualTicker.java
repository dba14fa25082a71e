package dev.trellis.runtime.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A ticker whose time moves only when a test says so: scheduled tasks run on the test's thread, in the
 * order they fall due, when {@link #advance} passes their time. It records every delay asked for.
 */
public final class ManualTicker implements Ticker {

    private final PriorityQueue<Scheduled> tasks = new PriorityQueue<>();
    private final List<Long> delays = new ArrayList<>();
    private long now = System.nanoTime(); // on nanoTime's scale, as call deadlines are
    private long sequence;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Runnable schedule(Runnable task, long delayNanos) {
        delays.add(delayNanos);
        Scheduled scheduled = new Scheduled(now + delayNanos, sequence++, task);
        tasks.add(scheduled);
        return () -> {
            synchronized (this) {
                tasks.remove(scheduled);
            }
        };
    }

    /** Moves time on by {@code duration}, running every task that falls due, in order. */
    public void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = now + duration.toNanos();
        }
        while (true) {
            Scheduled due;
            synchronized (this) {
                Scheduled next = tasks.peek();
                if (next == null || next.dueNanos() - target > 0) {
                    now = target;
                    return;
                }
                due = tasks.poll();
                now = due.dueNanos();
            }
            due.task().run();
        }
    }

    /** The delays asked for so far, in milliseconds, in order. */
    public synchronized List<Long> delaysMillis() {
        return delays.stream().map(nanos -> Duration.ofNanos(nanos).toMillis()).toList();
    }

    /** How many tasks wait for their time. */
    public synchronized int scheduledCount() {
        return tasks.size();
    }

    private record Scheduled(long dueNanos, long sequence, Runnable task) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = Long.compare(dueNanos - other.dueNanos, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
