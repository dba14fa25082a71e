package dev.trellis.runtime.local;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The one timer that wakes up calls waiting out a retry backoff; it only hands them back to routers. */
final class Retries {

    private Retries() {}

    static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "trellis-retry-timer");
        thread.setDaemon(true);
        return thread;
    });
}
