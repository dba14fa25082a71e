package dev.trellis.benchmarks;

/**
 * One way of sending the payload to an echo server in another process and waiting for the answer.
 *
 * @param name a short name for reports: {@code trellis}, {@code raw}, …
 * @param call sends a payload and blocks until the answer arrives
 */
record EchoClient(String name, Call call) {

    byte[] echo(byte[] payload) throws Exception {
        return call.echo(payload);
    }

    @FunctionalInterface
    interface Call {
        byte[] echo(byte[] payload) throws Exception;
    }
}
