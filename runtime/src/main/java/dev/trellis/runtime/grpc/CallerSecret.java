package dev.trellis.runtime.grpc;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application's secret that every internal gRPC call carries (controller to replica, replica to
 * replica) and every replica checks, in constant time, before it runs anything: a call without it, or
 * with another, is refused {@code UNAUTHENTICATED} and logged. The controller of the {@code processes}
 * topology makes one per application start and hands it to its replica processes in their environment
 * ({@value #ENV}: not on the command line, which every user of the machine can read); in Kubernetes it
 * comes from a Secret through the same variable.
 */
public final class CallerSecret {

    /** The environment variable a replica process, or a controller in Kubernetes, reads it from. */
    public static final String ENV = "TRELLIS_INTERNAL_SECRET";
    /** The shortest secret accepted: 128 bits as base64. */
    static final int MIN_LENGTH = 22;

    private static final System.Logger LOGGER = System.getLogger(CallerSecret.class.getName());
    private static final Metadata.Key<String> HEADER = Metadata.Key.of("trellis-secret", Metadata.ASCII_STRING_MARSHALLER);

    private final String text;
    private final byte[] bytes;
    private final AtomicLong refused = new AtomicLong();
    private final RefusalLog log = new RefusalLog(LOGGER);

    private CallerSecret(String text) {
        this.text = text;
        this.bytes = text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A new random secret: 32 bytes from a {@link SecureRandom}, URL-safe base64. */
    public static CallerSecret generate() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new CallerSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /**
     * A secret given as text, such as a Kubernetes Secret's value.
     *
     * @throws IllegalArgumentException if it is shorter than {@value #MIN_LENGTH} characters or not printable ASCII
     */
    public static CallerSecret of(String text) {
        String trimmed = text.strip();
        if (trimmed.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(ENV + " must have at least " + MIN_LENGTH
                    + " characters (128 random bits as base64), had " + trimmed.length());
        }
        if (!trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(ENV + " must be printable ASCII without spaces");
        }
        return new CallerSecret(trimmed);
    }

    /** The secret in this process's environment ({@value #ENV}), if it has one. */
    public static Optional<CallerSecret> fromEnvironment() {
        String value = System.getenv(ENV);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(of(value));
    }

    /** The text to hand a replica process in its environment. */
    public String text() {
        return text;
    }

    /** Adds the secret to every call made through a channel. */
    public ClientInterceptor attach() {
        return new HeaderAdding(HEADER, text);
    }

    /**
     * Refuses every call that does not carry the secret, before the service sees it.
     *
     * @param server names the server in the log line of a refusal
     */
    public ServerInterceptor require(String server) {
        return new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                    ServerCallHandler<Q, A> next) {
                String presented = headers.get(HEADER);
                // MessageDigest.isEqual takes the same time wherever the bytes differ.
                if (presented != null && MessageDigest.isEqual(bytes, presented.getBytes(StandardCharsets.US_ASCII))) {
                    return next.startCall(call, headers);
                }
                refusedCall(server, call.getMethodDescriptor().getFullMethodName(), presented == null);
                call.close(Status.UNAUTHENTICATED.withDescription("the call does not carry this application's"
                        + " internal credentials"), new Metadata());
                return new ServerCall.Listener<>() {};
            }
        };
    }

    /** How many calls it refused. */
    public long refusedCalls() {
        return refused.get();
    }

    private void refusedCall(String server, String method, boolean missing) {
        refused.incrementAndGet();
        log.refused(since -> server + " refused " + since + " internal call(s) without valid credentials, the last to "
                + method + " (" + (missing ? "it carried none" : "it carried others") + ")");
    }

    @Override
    public String toString() {
        return "CallerSecret[redacted]";
    }
}
