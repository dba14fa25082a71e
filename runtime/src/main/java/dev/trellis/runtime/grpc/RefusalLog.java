package dev.trellis.runtime.grpc;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Logs refused calls at WARNING without letting a flood of them flood the log: at most one line every
 * ten seconds, which says how many were refused since the line before.
 */
public final class RefusalLog {

    private static final long EVERY_NANOS = java.time.Duration.ofSeconds(10).toNanos();

    private final System.Logger logger;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - EVERY_NANOS);
    private final AtomicLong sinceLog = new AtomicLong();

    public RefusalLog(System.Logger logger) {
        this.logger = logger;
    }

    /** Counts one refusal; when a line is due, logs {@code line} of the count since the last one. */
    public void refused(LongFunction<String> line) {
        long since = sinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            sinceLog.addAndGet(-since);
            logger.log(System.Logger.Level.WARNING, line.apply(since));
        }
    }
}
