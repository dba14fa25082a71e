package dev.trellis.runtime.server;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.Upload;
import dev.trellis.runtime.testapp.HelloRequest;

/**
 * Whatever a client sends as a body, the ingress's decoders give the method's argument or an
 * {@link InvalidRequestException} (a 4xx with a message): no other exception, no hang.
 */
class IngressDecodersFuzzTest {

    private static final RequestBodyDecoder JSON = RequestBodyDecoder.create(new ObjectMapper(), HelloRequest.class);
    private static final RequestBodyDecoder UPLOAD = RequestBodyDecoder.create(new ObjectMapper(), Upload.class);

    @FuzzTest(maxDuration = "30s")
    void aJsonBodyDecodesOrIsRefused(byte[] body) {
        try {
            JSON.decode(body, "application/json");
        } catch (InvalidRequestException expected) {
            // a 400 with a message
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anUploadDecodesOrIsRefused(FuzzedDataProvider data) {
        String contentType = data.pickValue(new String[] {"image/png", "application/octet-stream",
            "multipart/form-data; boundary=" + data.consumeString(40), "multipart/form-data", ""});
        try {
            UPLOAD.decode(data.consumeRemainingAsBytes(), contentType.isEmpty() ? null : contentType);
        } catch (InvalidRequestException expected) {
            // a 4xx with a message
        }
    }
}
