package dev.trellis.runtime.wire;

/**
 * Encodes and decodes one type as the fields of a protobuf message. The processor generates one per
 * record and sealed interface that crosses an edge; they call each other for nested messages, with no
 * reflection.
 *
 * @param <T> the encoded type
 */
public interface WireCodec<T> {

    /** Writes {@code value}'s fields (not a length prefix) to {@code out}. {@code value} is not null. */
    void write(WireWriter out, T value);

    /**
     * Reads the fields of one message until the reader's end; unknown fields are skipped.
     *
     * @throws WireFormatException if the bytes are truncated or not a valid message of this type
     */
    T read(WireReader in);
}
