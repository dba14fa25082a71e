package dev.trellis.runtime.grpc;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The controller's side of the {@link ControlProtocol} to one replica process, over a channel of its own
 * so that control messages never queue behind calls.
 */
public final class ReplicaControl implements AutoCloseable {

    private static final Duration ANNOUNCE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(2);

    private final ManagedChannel channel;

    private ReplicaControl(ManagedChannel channel) {
        this.channel = channel;
    }

    /** A line to the replica listening at {@code host:port}. */
    public static ReplicaControl connect(String host, int port) {
        return connect(host, port, java.util.Optional.empty());
    }

    /** A line to the replica listening at {@code host:port}, each call carrying the application's credentials. */
    public static ReplicaControl connect(String host, int port, Optional<CallerSecret> secret) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(host, port).usePlaintext();
        secret.ifPresent(credentials -> builder.intercept(credentials.attach()));
        return new ReplicaControl(builder.build());
    }

    /**
     * Tells the replica which replicas of {@code deployment} it may call now; waits until it knows.
     *
     * @throws StatusRuntimeException if it could not be told
     */
    public void announce(String deployment, List<Member> members) {
        announce(new ControlProtocol.SetMembers(deployment, members));
    }

    /** Tells the replica the members of a deployment it calls, and how that deployment's calls split. */
    public void announce(ControlProtocol.SetMembers members) {
        ClientCalls.blockingUnaryCall(channel, ControlProtocol.SET_MEMBERS,
                CallOptions.DEFAULT.withDeadlineAfter(ANNOUNCE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS),
                members.encode());
    }

    /**
     * Runs the replica's health check once.
     *
     * @return completes with why it failed, or empty if the replica is healthy; never exceptionally
     */
    public CompletableFuture<Optional<String>> check(Duration timeout) {
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        ClientCalls.asyncUnaryCall(channel.newCall(ControlProtocol.CHECK,
                CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)), new byte[0],
                new Answer(bytes -> answer.complete(Optional.empty()), failure -> answer.complete(Optional.of(
                        failure.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
                                ? "the health check took longer than " + timeout.toMillis() + " ms"
                                : String.valueOf(failure.getStatus().getDescription())))));
        return answer;
    }

    /** How long a replica's {@code @Reconfigure} method, or its taking new limits, may take. */
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Gives the replica its deployment's new limits.
     *
     * @return completes with why it did not take them, or empty; never exceptionally
     */
    public CompletableFuture<Optional<String>> setLimits(ControlProtocol.Limits limits) {
        return change(ControlProtocol.SET_LIMITS, limits.encode());
    }

    /**
     * Hands the replica's {@code @Reconfigure} method a new configuration.
     *
     * @return completes with why it did not take it, or empty; never exceptionally
     */
    public CompletableFuture<Optional<String>> reconfigure(java.util.Map<String, Object> config) {
        return change(ControlProtocol.RECONFIGURE, ControlProtocol.encodeConfig(config));
    }

    private CompletableFuture<Optional<String>> change(MethodDescriptor<byte[], byte[]> method, byte[] request) {
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        ClientCalls.asyncUnaryCall(channel.newCall(method,
                CallOptions.DEFAULT.withDeadlineAfter(CHANGE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)), request,
                new Answer(bytes -> answer.complete(Optional.empty()), failure -> answer.complete(Optional.of(
                        failure.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
                                ? "it did not answer within " + CHANGE_TIMEOUT.toSeconds() + " s"
                                : String.valueOf(failure.getStatus().getDescription())))));
        return answer;
    }

    /** Asks for the replica's load; completes with empty if it did not answer. */
    public CompletableFuture<Optional<LoadReport>> report() {
        CompletableFuture<Optional<LoadReport>> answer = new CompletableFuture<>();
        ClientCalls.asyncUnaryCall(channel.newCall(ControlProtocol.REPORT,
                CallOptions.DEFAULT.withDeadlineAfter(REPORT_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)), new byte[0],
                new Answer(bytes -> {
                    try {
                        answer.complete(Optional.of(ControlProtocol.decodeReport(bytes)));
                    } catch (RuntimeException e) {
                        answer.complete(Optional.empty());
                    }
                }, failure -> answer.complete(Optional.empty())));
        return answer;
    }

    /** One answer: its message, or the status it failed with. */
    private record Answer(java.util.function.Consumer<byte[]> onMessage,
            java.util.function.Consumer<StatusRuntimeException> onFailure) implements StreamObserver<byte[]> {

        @Override
        public void onNext(byte[] message) {
            onMessage.accept(message);
        }

        @Override
        public void onError(Throwable failure) {
            onFailure.accept(failure instanceof StatusRuntimeException status ? status
                    : Status.fromThrowable(failure).asRuntimeException());
        }

        @Override
        public void onCompleted() {}
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
