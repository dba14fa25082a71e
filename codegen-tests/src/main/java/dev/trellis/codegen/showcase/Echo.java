package dev.trellis.codegen.showcase;

import dev.trellis.annotations.Batch;
import dev.trellis.annotations.Deployment;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Sends back what it gets; overloads get distinct wire names. */
@Deployment
public final class Echo {

    public Everything echo(Everything everything) {
        return everything;
    }

    public Shape mirror(Shape shape) {
        return shape;
    }

    public int add(int a, int b) {
        return a + b;
    }

    public double add(double a, double b) {
        return a + b;
    }

    public void forget(String ignored) {}

    /** Streaming: the points of a line, one by one, produced as the caller reads them. */
    public Stream<Point> walk(int steps) {
        return IntStream.range(0, steps).mapToObj(step -> new Point(step, step * 2f));
    }

    /** Batched: concurrent calls arrive here together; each caller gets the length of its own text. */
    @Batch(maxSize = 4, maxWaitMillis = 5)
    public List<Integer> lengths(List<String> texts) {
        return texts.stream().map(String::length).toList();
    }
}
