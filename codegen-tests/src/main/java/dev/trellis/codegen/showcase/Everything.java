package dev.trellis.codegen.showcase;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One component of every kind the wire format supports. */
public record Everything(
        int i,
        long l,
        short s,
        byte b,
        char c,
        boolean z,
        float f,
        double d,
        Integer boxedInt,
        Long boxedLong,
        Boolean boxedBool,
        Double boxedDouble,
        String text,
        byte[] blob,
        float[] floats,
        double[] doubles,
        int[] ints,
        long[] longs,
        boolean[] flags,
        short[] shorts,
        char[] chars,
        Color color,
        List<Color> palette,
        Shape shape,
        List<Shape> shapes,
        List<String> names,
        Set<Integer> ids,
        List<Long> counters,
        List<Float> weights,
        List<byte[]> chunks,
        Map<String, Double> scores,
        Map<Integer, Point> byId,
        Optional<Point> origin,
        Optional<Integer> maybe,
        Tree tree) {}
