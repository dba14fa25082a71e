package dev.trellis.runtime.grpc;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Moves messages as the bytes the generated codecs wrote: encoding happens once, in the deployment's
 * wire class, not in gRPC. gRPC's own inbound size limit bounds what {@link #parse} reads.
 */
public enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    /** The message as a stream gRPC writes out in one copy, straight into its transport buffers. */
    @Override
    public InputStream stream(byte[] value) {
        return new MessageStream(value);
    }

    /**
     * Reads a message. gRPC hands over a stream that knows its length ({@link KnownLength}): one array of
     * that length is filled at once, where {@code readAllBytes} would gather chunks and join them, copying
     * a message of megabytes twice more.
     */
    @Override
    public byte[] parse(InputStream stream) {
        try (stream) {
            if (stream instanceof KnownLength) {
                byte[] message = new byte[stream.available()];
                int read = stream.readNBytes(message, 0, message.length);
                if (read == message.length && stream.read() < 0) {
                    return message;
                }
                throw new IOException("the stream said it held " + message.length + " bytes but held "
                        + (read < message.length ? read : "more"));
            }
            return stream.readAllBytes();
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("could not read a message: " + e.getMessage()).withCause(e)
                    .asRuntimeException();
        }
    }

    /**
     * A message's bytes for gRPC's framer: it knows its length ({@link KnownLength}), so the framer sizes
     * its buffer once, and it drains into the framer's stream in one write ({@link Drainable}), where a
     * plain stream would be read through an 8 KB scratch array first.
     */
    static final class MessageStream extends ByteArrayInputStream implements KnownLength, Drainable {

        MessageStream(byte[] message) {
            super(message);
        }

        @Override
        public synchronized int drainTo(OutputStream target) throws IOException {
            int length = count - pos;
            target.write(buf, pos, length);
            pos = count;
            return length;
        }
    }
}
