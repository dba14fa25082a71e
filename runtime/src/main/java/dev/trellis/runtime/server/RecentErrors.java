package dev.trellis.runtime.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The last error answers of the ingress routes, newest first, for the dashboard: when, which route, the
 * status and the message the client read (already free of stack traces: {@link HttpFailure} made it).
 * Bounded: under a storm of failures it keeps the last {@code capacity} and counts the rest, so that memory
 * stays fixed however long the server runs.
 */
final class RecentErrors {

    /** How many errors the dashboard shows by default: enough to see a pattern, few enough to read. */
    static final int DEFAULT_CAPACITY = 50;

    /** The longest message kept; a client's message is short, a deployment's may quote its input. */
    static final int MAX_MESSAGE_CHARS = 500;

    /**
     * One error answer.
     *
     * @param time when it was sent
     * @param route the route as "VERB /path"
     * @param status the HTTP status
     * @param message what the client was told, cut to {@value #MAX_MESSAGE_CHARS} characters
     */
    record Entry(Instant time, String route, int status, String message) {
        Entry {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(message, "message");
        }
    }

    private final int capacity;
    private final Clock clock;
    private final Deque<Entry> entries = new ArrayDeque<>(); // guarded by this; newest first
    private long total; // guarded by this

    RecentErrors(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Keeps an error answer of {@code route}, dropping the oldest one kept if the ring is full. */
    synchronized void add(String route, int status, String message) {
        String kept = message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "…" : message;
        entries.addFirst(new Entry(clock.instant(), route, status, kept));
        if (entries.size() > capacity) {
            entries.removeLast();
        }
        total++;
    }

    /** What it keeps now, newest first. */
    synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** How many errors it was given since the server started, kept or not. */
    synchronized long total() {
        return total;
    }

    /** A listener for {@link JsonResponses#recordingErrors}: the error answers of {@code route} go here. */
    JsonResponses.ErrorListener forRoute(String route) {
        return (status, message) -> add(route, status, message);
    }
}
