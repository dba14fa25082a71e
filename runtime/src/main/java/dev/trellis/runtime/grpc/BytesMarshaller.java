package dev.trellis.runtime.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Moves messages as the bytes the generated codecs wrote: encoding happens once, in the deployment's
 * wire class, not in gRPC. gRPC's own inbound size limit bounds what {@link #parse} reads.
 */
public enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
        return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("could not read a message: " + e.getMessage()).withCause(e)
                    .asRuntimeException();
        }
    }
}
