package dev.trellis.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesMarshallerTest {

    private static final BytesMarshaller MARSHALLER = BytesMarshaller.INSTANCE;

    @Test
    void aMessageDrainsInOneWriteAndParsesBackFromAStreamOfKnownLength() throws IOException {
        byte[] message = new byte[3_000_000];
        new Random(3).nextBytes(message);

        InputStream stream = MARSHALLER.stream(message);
        assertInstanceOf(KnownLength.class, stream);
        assertEquals(message.length, stream.available());
        CountingOutput drained = new CountingOutput();
        assertEquals(message.length, ((Drainable) stream).drainTo(drained));

        assertEquals(1, drained.writes);
        assertEquals(0, stream.available());
        assertArrayEquals(message, MARSHALLER.parse(new BytesMarshaller.MessageStream(drained.toByteArray())));
    }

    @Test
    void aStreamOfUnknownLengthIsReadToItsEnd() {
        byte[] message = {1, 2, 3, 4, 5};

        assertArrayEquals(message, MARSHALLER.parse(new ByteArrayInputStream(message)));
    }

    @Test
    void aStreamThatHoldsOtherThanItsLengthSaysIsRefused() {
        StatusRuntimeException shorter = assertThrows(StatusRuntimeException.class,
                () -> MARSHALLER.parse(new Lying(new byte[10], 20)));
        StatusRuntimeException longer = assertThrows(StatusRuntimeException.class,
                () -> MARSHALLER.parse(new Lying(new byte[10], 5)));

        assertEquals(Status.Code.INTERNAL, shorter.getStatus().getCode());
        assertTrue(shorter.getStatus().getDescription().contains("held 20 bytes but held 10"),
                shorter.getStatus().getDescription());
        assertTrue(longer.getStatus().getDescription().contains("held 5 bytes but held more"),
                longer.getStatus().getDescription());
    }

    /** Says it holds {@code claimed} bytes, whatever it holds. */
    private static final class Lying extends ByteArrayInputStream implements KnownLength {

        private final int claimed;

        Lying(byte[] content, int claimed) {
            super(content);
            this.claimed = claimed;
        }

        @Override
        public synchronized int available() {
            return claimed;
        }
    }

    private static final class CountingOutput extends ByteArrayOutputStream {

        int writes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }
    }
}
