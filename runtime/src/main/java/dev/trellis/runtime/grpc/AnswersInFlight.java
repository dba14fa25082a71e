package dev.trellis.runtime.grpc;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the calls a replica's gRPC service is serving, up to the moment each one's answer has been
 * sent, so that a stopping replica closes its server only after its last answers went out: the handler
 * sends an answer on its own thread just after the call itself has ended.
 */
public final class AnswersInFlight {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition none = lock.newCondition();
    private int serving; // guarded by lock

    void started() {
        lock.lock();
        try {
            serving++;
        } finally {
            lock.unlock();
        }
    }

    void answered() {
        lock.lock();
        try {
            if (--serving == 0) {
                none.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no call is being served, at most {@code timeout}.
     *
     * @return whether every answer went out in time
     */
    public boolean awaitNone(Duration timeout) {
        dev.trellis.runtime.time.Ticker ticker = dev.trellis.runtime.time.Ticker.system();
        long deadline = ticker.deadlineAfter(timeout);
        lock.lock();
        try {
            while (serving > 0) {
                if (!dev.trellis.runtime.time.TimedWait.await(lock, none, ticker, deadline)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
