package dev.trellis.runtime.testapp;

import dev.trellis.runtime.DeploymentResponse;

/**
 * The ingress, as a user would write it. Some names trigger the behaviours the server tests need:
 * {@code "boom"} fails, {@code ""} is refused as invalid, {@code "wait"} holds at the gate first.
 */
public final class HelloIngress {

    private final GreeterHandle greeter;
    private final ShouterHandle shouter;
    private final Gate gate;

    public HelloIngress(GreeterHandle greeter, ShouterHandle shouter, Gate gate) {
        this.greeter = greeter;
        this.shouter = shouter;
        this.gate = gate;
    }

    public HelloReply hello(HelloRequest request) throws InterruptedException {
        switch (request.name()) {
            case "boom" -> throw new IllegalStateException("boom");
            case "" -> throw new IllegalArgumentException("name must not be empty");
            case "wait" -> gate.pass();
            default -> {
            }
        }
        DeploymentResponse<String> greeting = greeter.greet(request.name());
        DeploymentResponse<String> shout = shouter.shout(request.name());
        return new HelloReply(greeting.join(), shout.join());
    }

    /**
     * Streams the name's letters: {@code "boom"} fails after its first letter, {@code "wait"} holds at the
     * gate after its first letter, {@code "endless"} never ends, telling the gate of each letter and of its close.
     */
    public java.util.stream.Stream<String> spell(HelloRequest request) {
        String name = request.name();
        if (name.equals("endless")) {
            return java.util.stream.Stream.iterate(0, i -> i + 1).map(i -> {
                gate.produced();
                return name.substring(i % name.length(), i % name.length() + 1);
            }).onClose(gate::closed);
        }
        return java.util.stream.IntStream.range(0, name.length()).mapToObj(i -> {
            if (i == 1 && name.equals("boom")) {
                throw new IllegalStateException("boom after the first letter");
            }
            if (i == 1 && name.equals("wait")) {
                try {
                    gate.pass();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return name.substring(i, i + 1);
        });
    }

    public String ping() {
        return "pong";
    }

    public void forget() {
    }
}
