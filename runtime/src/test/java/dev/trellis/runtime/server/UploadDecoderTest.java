package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.Upload;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UploadDecoderTest {

    private static final byte[] PNG_BYTES = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 1, 2};

    @Test
    void aPlainBodyIsTheFileWithItsDeclaredType() throws Exception {
        Upload upload = (Upload) UploadDecoder.INSTANCE.decode(PNG_BYTES, "image/png");

        assertEquals("image/png", upload.contentType());
        assertEquals("", upload.fileName());
        assertArrayEquals(PNG_BYTES, upload.bytes());
    }

    @Test
    void aBodyWithoutATypeIsOctetStream() throws Exception {
        assertEquals(Upload.UNKNOWN_TYPE, ((Upload) UploadDecoder.INSTANCE.decode(PNG_BYTES, null)).contentType());
    }

    @Test
    void anEmptyBodyIsRefusedWithHowToSendAFile() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> UploadDecoder.INSTANCE.decode(new byte[0], "image/png"));

        assertEquals(400, refused.status().code());
        assertTrue(refused.getMessage().contains("--data-binary"), refused.getMessage());
    }

    @Test
    void aFormGivesItsFirstFileEvenAfterOtherFields() throws Exception {
        byte[] form = form("XyZ", part("note", null, null, "hello".getBytes(StandardCharsets.UTF_8)),
                part("image", "photo.png", "image/png", PNG_BYTES));

        Upload upload = (Upload) UploadDecoder.INSTANCE.decode(form, "multipart/form-data; boundary=XyZ");

        assertEquals("image/png", upload.contentType());
        assertEquals("photo.png", upload.fileName());
        assertArrayEquals(PNG_BYTES, upload.bytes());
    }

    @Test
    void aQuotedBoundaryIsUnderstood() throws Exception {
        byte[] form = form("a b", part("image", "x.png", "image/png", PNG_BYTES));

        Upload upload = (Upload) UploadDecoder.INSTANCE.decode(form, "multipart/form-data; boundary=\"a b\"");

        assertArrayEquals(PNG_BYTES, upload.bytes());
    }

    @Test
    void brokenFormsAreBadRequestsSayingWhatIsWrong() {
        byte[] form = form("XyZ", part("image", "photo.png", "image/png", PNG_BYTES));
        byte[] truncated = java.util.Arrays.copyOf(form, form.length - 12);

        assertEquals("multipart/form-data without a boundary parameter in Content-Type", assertThrows(
                InvalidRequestException.class, () -> UploadDecoder.INSTANCE.decode(form, "multipart/form-data"))
                .getMessage());
        assertEquals("multipart/form-data body ends inside a part (truncated upload?)", assertThrows(
                InvalidRequestException.class,
                () -> UploadDecoder.INSTANCE.decode(truncated, "multipart/form-data; boundary=XyZ")).getMessage());
        assertEquals("multipart/form-data body has no parts", assertThrows(InvalidRequestException.class,
                () -> UploadDecoder.INSTANCE.decode("--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII),
                        "multipart/form-data; boundary=XyZ")).getMessage());
        assertEquals("the uploaded file is empty", assertThrows(InvalidRequestException.class,
                () -> UploadDecoder.INSTANCE.decode(form("XyZ", part("image", "e.png", "image/png", new byte[0])),
                        "multipart/form-data; boundary=XyZ")).getMessage());
    }

    private static byte[] part(String name, String fileName, String type, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String headers = "Content-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n";
        out.writeBytes(headers.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] form(String boundary, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(part);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
