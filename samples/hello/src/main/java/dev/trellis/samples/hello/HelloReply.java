package dev.trellis.samples.hello;

import java.util.List;

/**
 * The answer of {@code POST /hello}: the combined message and the part each downstream deployment
 * wrote.
 *
 * @param message the parts joined
 * @param parts what each deployment answered, in call order
 */
public record HelloReply(String message, List<Part> parts) {

    /**
     * @param deployment the deployment that wrote it
     * @param text what it wrote
     */
    public record Part(String deployment, String text) {}
}
