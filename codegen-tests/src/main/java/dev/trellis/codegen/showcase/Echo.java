package dev.trellis.codegen.showcase;

import dev.trellis.annotations.Deployment;

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
}
