package dev.trellis.runtime.grpc;

import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The replica side of the {@link ControlProtocol}: served by a replica process next to its deployment's
 * own service. Every call is answered, successfully or with a status.
 */
public final class ControlService {

    /** How long a check may take when the controller sent no deadline. */
    private static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(30);

    private ControlService() {}

    /** What a replica does with the changes the controller makes in place; each answers the problem, if any. */
    public interface Changes {
        /** Takes its deployment's new limits. */
        Optional<String> setLimits(ControlProtocol.Limits limits);

        /** Hands its {@code @Reconfigure} method a new configuration. */
        Optional<String> reconfigure(java.util.Map<String, Object> config);
    }

    private static final Changes NONE = new Changes() {
        @Override
        public Optional<String> setLimits(ControlProtocol.Limits limits) {
            return Optional.of("this replica does not change its limits");
        }

        @Override
        public Optional<String> reconfigure(java.util.Map<String, Object> config) {
            return Optional.of("this replica does not take a new configuration");
        }
    };

    /** Like {@link #create(Consumer, Function, Supplier, Changes)}, for a replica that changes nothing in place. */
    public static ServerServiceDefinition create(Consumer<ControlProtocol.SetMembers> members,
            Function<Duration, Optional<String>> check, Supplier<LoadReport> report) {
        return create(members, check, report, NONE);
    }

    /**
     * @param members receives each announcement of a deployment's members
     * @param check runs the replica's health check within a timeout; empty when healthy, else the problem
     * @param report the replica's load now
     * @param changes what it does with changes made in place
     */
    public static ServerServiceDefinition create(Consumer<ControlProtocol.SetMembers> members,
            Function<Duration, Optional<String>> check, Supplier<LoadReport> report, Changes changes) {
        return ServerServiceDefinition.builder(ControlProtocol.SERVICE)
                .addMethod(ControlProtocol.SET_LIMITS, ServerCalls.asyncUnaryCall((request, responses) ->
                        change(responses, () -> changes.setLimits(ControlProtocol.Limits.decode(request)))))
                // The user's @Reconfigure may block: it runs on the stream's own virtual thread, as the check does.
                .addMethod(ControlProtocol.RECONFIGURE, ServerCalls.asyncUnaryCall((request, responses) ->
                        change(responses, () -> changes.reconfigure(ControlProtocol.decodeConfig(request)))))
                .addMethod(ControlProtocol.CHECK, ServerCalls.asyncUnaryCall((request, responses) -> {
                    // The check may block: it runs on the stream's own virtual thread, which answers before
                    // it returns (see DeploymentGrpcService), bounded by the controller's deadline.
                    io.grpc.Deadline deadline = io.grpc.Context.current().getDeadline();
                    Duration timeout = deadline == null ? DEFAULT_CHECK_TIMEOUT
                            : Duration.ofNanos(Math.max(1, deadline.timeRemaining(TimeUnit.NANOSECONDS)));
                    Optional<String> problem;
                    try {
                        problem = check.apply(timeout);
                    } catch (RuntimeException e) {
                        problem = Optional.of("the health check threw " + e);
                    }
                    if (problem.isEmpty()) {
                        answer(responses, new byte[0]);
                    } else {
                        responses.onError(Status.UNAVAILABLE.withDescription(problem.get()).asRuntimeException());
                    }
                }))
                .addMethod(ControlProtocol.SET_MEMBERS, ServerCalls.asyncUnaryCall((request, responses) -> {
                    try {
                        members.accept(ControlProtocol.SetMembers.decode(request));
                    } catch (RuntimeException e) {
                        responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                        return;
                    }
                    answer(responses, new byte[0]);
                }))
                .addMethod(ControlProtocol.REPORT, ServerCalls.asyncUnaryCall((request, responses) -> {
                    byte[] encoded;
                    try {
                        encoded = ControlProtocol.encode(report.get());
                    } catch (RuntimeException e) {
                        responses.onError(Status.INTERNAL.withDescription(String.valueOf(e)).asRuntimeException());
                        return;
                    }
                    answer(responses, encoded);
                }))
                .build();
    }

    /** Answers a change: empty, or FAILED_PRECONDITION with its problem (INVALID_ARGUMENT for a bad message). */
    private static void change(StreamObserver<byte[]> responses, Supplier<Optional<String>> change) {
        Optional<String> problem;
        try {
            problem = change.get();
        } catch (dev.trellis.runtime.wire.WireFormatException e) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            problem = Optional.of("it threw " + e);
        }
        if (problem.isEmpty()) {
            answer(responses, new byte[0]);
        } else {
            responses.onError(Status.FAILED_PRECONDITION.withDescription(problem.get()).asRuntimeException());
        }
    }

    private static void answer(StreamObserver<byte[]> responses, byte[] message) {
        responses.onNext(message);
        responses.onCompleted();
    }
}
