package dev.trellis.runtime.server;

import dev.trellis.runtime.Upload;
import io.helidon.http.Status;
import java.util.Locale;

/**
 * Reads the body of a request to an ingress method taking an {@link Upload}: the file as the whole body,
 * or the first file of a {@code multipart/form-data} form.
 */
enum UploadDecoder implements RequestBodyDecoder {
    INSTANCE;

    @Override
    public Object decode(byte[] body, String contentType) throws InvalidRequestException {
        if (body.length == 0) {
            throw new InvalidRequestException(Status.BAD_REQUEST_400, "request body is empty; send the file's bytes"
                    + " (for example curl --data-binary @photo.png -H 'Content-Type: image/png') or a"
                    + " multipart/form-data form with a file (curl -F image=@photo.png)");
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return MultipartForm.firstFile(body, contentType);
        }
        return new Upload(contentType, "", body);
    }
}
