package dev.trellis.runtime.server;

import dev.trellis.runtime.Upload;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the file in a {@code multipart/form-data} body (RFC 7578), which the server has already read
 * and size-limited: the first part with a {@code filename}, or else the first part at all. Parts are
 * located by their boundary lines; the file's bytes are copied once.
 */
final class MultipartForm {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern FILE_NAME = Pattern.compile("(?i)filename=\"([^\"]*)\"");
    private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_BOUNDARY_LENGTH = 70; // RFC 2046

    private MultipartForm() {}

    static Upload firstFile(byte[] body, String contentType) throws InvalidRequestException {
        Matcher boundaryParameter = BOUNDARY.matcher(contentType);
        if (!boundaryParameter.find()) {
            throw bad("multipart/form-data without a boundary parameter in Content-Type");
        }
        String boundary = boundaryParameter.group(2) != null ? boundaryParameter.group(2) : boundaryParameter.group(3);
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw bad("multipart/form-data boundary must be 1 to 70 characters");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, delimiter, 0);
        Upload first = null;
        while (at >= 0) {
            int lineEnd = at + delimiter.length;
            if (lineEnd + 1 < body.length && body[lineEnd] == '-' && body[lineEnd + 1] == '-') {
                break; // the closing delimiter
            }
            int headersEnd = indexOf(body, HEADERS_END, lineEnd);
            if (headersEnd < 0) {
                throw bad("multipart/form-data part without the blank line that ends its headers");
            }
            int contentStart = headersEnd + HEADERS_END.length;
            int contentEnd = indexOf(body, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                throw bad("multipart/form-data body ends inside a part (truncated upload?)");
            }
            String headers = new String(body, lineEnd, headersEnd - lineEnd, StandardCharsets.ISO_8859_1);
            Matcher fileName = FILE_NAME.matcher(headers);
            Upload part = new Upload(header(headers, "content-type"), fileName.find() ? fileName.group(1) : "",
                    Arrays.copyOfRange(body, contentStart, contentEnd));
            if (!part.fileName().isEmpty()) {
                return checked(part);
            }
            if (first == null) {
                first = part;
            }
            at = contentEnd + 2; // the delimiter after the part's CRLF
        }
        if (first == null) {
            throw bad("multipart/form-data body has no parts");
        }
        return checked(first);
    }

    private static Upload checked(Upload part) throws InvalidRequestException {
        if (part.size() == 0) {
            throw bad("the uploaded file is empty");
        }
        return part;
    }

    /** The value of one header among a part's header lines, or null. */
    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static InvalidRequestException bad(String message) {
        return new InvalidRequestException(Status.BAD_REQUEST_400, message);
    }
}
