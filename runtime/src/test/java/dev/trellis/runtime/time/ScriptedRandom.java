package dev.trellis.runtime.time;

import java.util.ArrayDeque;
import java.util.Deque;

/** A random source that returns the values a test scripted, in order, and fails once they run out. */
public final class ScriptedRandom implements RandomSource {

    private final Deque<Integer> values = new ArrayDeque<>();

    public static ScriptedRandom of(int... values) {
        ScriptedRandom random = new ScriptedRandom();
        for (int value : values) {
            random.values.addLast(value);
        }
        return random;
    }

    @Override
    public int nextInt(int bound) {
        Integer next = values.pollFirst();
        if (next == null) {
            throw new AssertionError("the picker drew more random values than the test scripted");
        }
        return next;
    }

    public boolean exhausted() {
        return values.isEmpty();
    }
}
