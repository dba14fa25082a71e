package dev.trellis.benchmarks;

/** One way of serving {@code POST /tag} that the pipeline benchmark loads: a started server on loopback. */
interface TagVariant extends AutoCloseable {

    /** A short name for reports: {@code monolith}, {@code microservices}, {@code trellis}. */
    String name();

    /** The port its {@code POST /tag} listens on. */
    int port();

    @Override
    void close();
}
