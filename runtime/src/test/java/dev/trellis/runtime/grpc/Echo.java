package dev.trellis.runtime.grpc;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.testapp.Gate;
import java.util.Arrays;

/** A deployment for the transport tests, with what the processor would generate for it written by hand. */
final class Echo {

    static final DeploymentMethod<String> ECHO = new DeploymentMethod<>("Echo", "echo", 0);
    static final DeploymentMethod<byte[]> BLOB = new DeploymentMethod<>("Echo", "blob", 1);
    static final DeploymentMethod<String> FAIL = new DeploymentMethod<>("Echo", "fail", 2);
    static final DeploymentMethod<String> REFUSE = new DeploymentMethod<>("Echo", "refuse", 3);
    static final DeploymentMethod<String> HOLD = new DeploymentMethod<>("Echo", "hold", 4);

    private final Gate gate;

    Echo(Gate gate) {
        this.gate = gate;
    }

    String echo(String text) {
        return text;
    }

    byte[] blob(String size) {
        byte[] blob = new byte[Integer.parseInt(size)];
        Arrays.fill(blob, (byte) 7);
        return blob;
    }

    String fail(String why) {
        throw new IllegalStateException(why);
    }

    String refuse(String why) {
        throw new IllegalArgumentException(why);
    }

    String hold(String text) throws InterruptedException {
        gate.pass();
        return text;
    }

    static Object dispatch(Echo target, int method, Object[] args) throws Throwable {
        String argument = (String) args[0];
        return switch (method) {
            case 0 -> target.echo(argument);
            case 1 -> target.blob(argument);
            case 2 -> target.fail(argument);
            case 3 -> target.refuse(argument);
            case 4 -> target.hold(argument);
            default -> throw new IllegalArgumentException("Echo has no method " + method);
        };
    }
}
