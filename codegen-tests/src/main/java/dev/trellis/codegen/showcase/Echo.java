package dev.trellis.codegen.showcase;

import dev.trellis.annotations.Batch;
import dev.trellis.annotations.Deployment;
import java.util.List;

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

    /** Batched: concurrent calls arrive here together; each caller gets the length of its own text. */
    @Batch(maxSize = 4, maxWaitMillis = 5)
    public List<Integer> lengths(List<String> texts) {
        return texts.stream().map(String::length).toList();
    }
}
