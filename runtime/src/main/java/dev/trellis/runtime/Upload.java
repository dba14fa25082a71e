package dev.trellis.runtime;

import java.util.Objects;

/**
 * A file a client sent to the ingress as is, such as an image: an ingress method whose parameter is an
 * {@code Upload} gets the request body's bytes instead of JSON. The body is either the file itself
 * (its type in {@code Content-Type}: {@code curl --data-binary @photo.png -H 'Content-Type: image/png'})
 * or a {@code multipart/form-data} form whose first file part is taken ({@code curl -F image=@photo.png}).
 * It crosses the wire like any record, so other deployments may take one too.
 *
 * @param contentType the type the client declared for the file; {@code application/octet-stream} when
 *     it declared none. A claim, not a fact: check the bytes
 * @param fileName the file's name from a form upload; empty otherwise
 * @param bytes the file's bytes, never empty when it comes from the ingress
 */
public record Upload(String contentType, String fileName, byte[] bytes) {

    /** What a client that declares no type sends, per RFC 9110. */
    public static final String UNKNOWN_TYPE = "application/octet-stream";

    public Upload {
        contentType = contentType == null || contentType.isBlank() ? UNKNOWN_TYPE : contentType;
        fileName = fileName == null ? "" : fileName;
        Objects.requireNonNull(bytes, "bytes");
    }

    /** How many bytes the file has. */
    public int size() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "Upload[" + contentType + (fileName.isEmpty() ? "" : ", " + fileName) + ", " + bytes.length + " bytes]";
    }
}
