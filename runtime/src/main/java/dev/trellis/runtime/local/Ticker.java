package dev.trellis.runtime.local;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where a router's time comes from: the clock its deadlines are read against, and the timer that fails
 * calls at their deadline and sends them again after a retry backoff. Injected so that tests move time
 * by hand and check deadlines and backoffs exactly, without sleeping.
 */
interface Ticker {

    /** Now, on the scale of {@link System#nanoTime()}, which call deadlines use. */
    long nanoTime();

    /**
     * Runs {@code task} once {@code delayNanos} have passed.
     *
     * @return cancels the task if it has not run yet
     */
    Runnable schedule(Runnable task, long delayNanos);

    /** The system's clock and one shared timer thread, which only hands calls back to routers. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }

    /** {@link Ticker#system()}. */
    enum SystemTicker implements Ticker {
        INSTANCE;

        private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trellis-router-timer");
            thread.setDaemon(true);
            return thread;
        });

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Runnable schedule(Runnable task, long delayNanos) {
            ScheduledFuture<?> scheduled = TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            return () -> scheduled.cancel(false);
        }
    }
}
