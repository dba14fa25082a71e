package dev.trellis.runtime.grpc;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.testapp.Gate;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A deployment for the transport tests, with what the processor would generate for it written by hand. */
final class Echo {

    static final DeploymentMethod<String> ECHO = new DeploymentMethod<>("Echo", "echo", 0);
    static final DeploymentMethod<byte[]> BLOB = new DeploymentMethod<>("Echo", "blob", 1);
    static final DeploymentMethod<String> FAIL = new DeploymentMethod<>("Echo", "fail", 2);
    static final DeploymentMethod<String> REFUSE = new DeploymentMethod<>("Echo", "refuse", 3);
    static final DeploymentMethod<String> HOLD = new DeploymentMethod<>("Echo", "hold", 4);
    static final DeploymentMethod<String> SPELL = new DeploymentMethod<>("Echo", "spell", 5, false, null, true);
    static final DeploymentMethod<String> TICK = new DeploymentMethod<>("Echo", "tick", 6, false, null, true);
    static final DeploymentMethod<String> BREAK = new DeploymentMethod<>("Echo", "break", 7, false, null, true);

    private final Gate gate;
    private final Ticks ticks;

    Echo(Gate gate) {
        this(gate, new Ticks());
    }

    Echo(Gate gate, Ticks ticks) {
        this.gate = gate;
        this.ticks = ticks;
    }

    /** What the endless {@link #tick} stream has done, and permits for each next item. */
    static final class Ticks {
        final Semaphore permits = new Semaphore(0);
        final AtomicInteger produced = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
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

    /** One item per character, produced lazily. */
    Stream<String> spell(String text) {
        return text.codePoints().mapToObj(Character::toString);
    }

    /** Endless: each item waits for a permit; closing the stream is recorded. */
    Stream<String> tick(String prefix) {
        return Stream.generate(() -> {
            try {
                ticks.permits.acquire();
            } catch (InterruptedException e) {
                ticks.interrupted.countDown();
                throw new IllegalStateException("interrupted", e);
            }
            return prefix + ticks.produced.getAndIncrement();
        }).onClose(ticks.closed::countDown);
    }

    /** Two items, then a failure. */
    Stream<String> breakAfterTwo(String why) {
        return Stream.of("a", "b", "boom").map(item -> {
            if (item.equals("boom")) {
                throw new IllegalStateException(why);
            }
            return item;
        });
    }

    static Object dispatch(Echo target, int method, Object[] args) throws Throwable {
        String argument = (String) args[0];
        return switch (method) {
            case 0 -> target.echo(argument);
            case 1 -> target.blob(argument);
            case 2 -> target.fail(argument);
            case 3 -> target.refuse(argument);
            case 4 -> target.hold(argument);
            case 5 -> target.spell(argument);
            case 6 -> target.tick(argument);
            case 7 -> target.breakAfterTwo(argument);
            default -> throw new IllegalArgumentException("Echo has no method " + method);
        };
    }
}
