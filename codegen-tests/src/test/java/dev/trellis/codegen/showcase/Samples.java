package dev.trellis.codegen.showcase;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Values of the showcase types for the round-trip and interoperability tests. */
final class Samples {

    private Samples() {}

    static Everything full() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("a", 1.5);
        scores.put("", -0.25);
        Map<Integer, Point> byId = new LinkedHashMap<>();
        byId.put(7, new Point(1f, 2f));
        byId.put(-3, new Point(-1f, 0f));
        return new Everything(
                -42, Long.MIN_VALUE, (short) -300, (byte) 127, 'é', true, 3.25f, -1e300,
                0, Long.MAX_VALUE, false, Double.NaN, "héllo wörld 😀", new byte[] {0, -1, 2},
                new float[] {1.5f, -0f, Float.MAX_VALUE}, new double[] {Math.PI, Double.NEGATIVE_INFINITY},
                new int[] {Integer.MIN_VALUE, 0, 5}, new long[] {Long.MAX_VALUE, -1},
                new boolean[] {true, false, true}, new short[] {Short.MIN_VALUE, 9}, new char[] {'a', '\uffff'},
                Color.BLUE, List.of(Color.GREEN, Color.RED, Color.GREEN),
                new Shape.Circle(new Point(0.5f, 0.25f), 2.0),
                List.of(new Shape.Polygon(List.of(new Point(1, 1), new Point(2, 3)), Optional.of("tri")),
                        new Shape.Polygon(List.of(), Optional.empty()),
                        new Shape.Circle(new Point(0, 0), 0)),
                List.of("x", "", "z"), new LinkedHashSet<>(List.of(3, -1, 1000)), List.of(0L, -5L, 1L << 40),
                List.of(0.5f, -2f), List.of(new byte[] {9}, new byte[0]),
                scores, byId, Optional.of(new Point(4, 5)), Optional.of(0),
                new Tree("root", List.of(new Tree("leaf", List.of()), new Tree(null, List.of(
                        new Tree("deep", List.of()))))));
    }

    /** All zeros, nulls and empties: what an empty message decodes to. */
    static Everything empty() {
        return new Everything(0, 0, (short) 0, (byte) 0, (char) 0, false, 0f, 0d, null, null, null, null, null,
                new byte[0], new float[0], new double[0], new int[0], new long[0], new boolean[0], new short[0],
                new char[0], null, List.of(), null, List.of(), List.of(), new LinkedHashSet<>(), List.of(),
                List.of(), List.of(), new LinkedHashMap<>(), new LinkedHashMap<>(), Optional.empty(),
                Optional.empty(), null);
    }
}
