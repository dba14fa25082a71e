package dev.trellis.runtime.time;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where the runtime's time comes from: the clock deadlines are read against, and the timer that runs
 * work later (a call's deadline, a retry's backoff, a batch's wait, a health check, the controller's
 * next decision). Everything below the server reads time through one, so that tests move it by hand and
 * check deadlines, backoffs, health periods and autoscaling delays exactly, without sleeping.
 */
public interface Ticker {

    /** A deadline that is never reached: {@link #nanoTime()} values stay far below it. */
    long NO_DEADLINE = Long.MAX_VALUE;

    /** Now, on the scale of {@link System#nanoTime()}: only differences mean anything. */
    long nanoTime();

    /**
     * Runs {@code task} once {@code delayNanos} have passed. The task must not block: it runs on the
     * ticker's own thread (or a test's).
     *
     * @return cancels the task if it has not run yet
     */
    Runnable schedule(Runnable task, long delayNanos);

    /** {@link #schedule(Runnable, long)} with a {@link Duration}. */
    default Runnable schedule(Runnable task, Duration delay) {
        return schedule(task, delay.toNanos());
    }

    /** The {@link #nanoTime()} value {@code timeout} from now, or {@link #NO_DEADLINE} if that is beyond reach. */
    default long deadlineAfter(Duration timeout) {
        long now = nanoTime();
        long nanos = timeout.toNanos();
        return nanos >= NO_DEADLINE - now ? NO_DEADLINE : now + nanos;
    }

    /** How long until {@code deadlineNanos}; zero or less once it has passed, {@code Long.MAX_VALUE} for none. */
    default long nanosUntil(long deadlineNanos) {
        return deadlineNanos == NO_DEADLINE ? Long.MAX_VALUE : deadlineNanos - nanoTime();
    }

    /** The system's clock and one shared timer thread, which only hands work on. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }

    /** {@link Ticker#system()}. */
    enum SystemTicker implements Ticker {
        INSTANCE;

        private static final ScheduledExecutorService TIMER = timer();

        /** One daemon thread; a cancelled task leaves the queue at once (timed waits cancel most of theirs). */
        private static ScheduledExecutorService timer() {
            java.util.concurrent.ScheduledThreadPoolExecutor timer = new java.util.concurrent.ScheduledThreadPoolExecutor(
                    1, runnable -> {
                        Thread thread = new Thread(runnable, "trellis-timer");
                        thread.setDaemon(true);
                        return thread;
                    });
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Runnable schedule(Runnable task, long delayNanos) {
            ScheduledFuture<?> scheduled = TIMER.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            return () -> scheduled.cancel(false);
        }
    }
}
