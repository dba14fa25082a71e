package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentMethod;
import org.junit.jupiter.api.Test;

class HttpFailureTest {

    private static final DeploymentMethod<String> TAG = new DeploymentMethod<>("Ingress", "tag", 0);

    @Test
    void argumentsRefusedByADeploymentTheIngressCalledAreABadRequest() {
        DeploymentException downstream = new DeploymentException("Decoder", "Decoder.decode failed",
                new IllegalArgumentException("not an image"));
        DeploymentException ingress = new DeploymentException("Ingress", "Ingress.tag failed", downstream);

        HttpFailure failure = HttpFailure.of(ingress, TAG);

        assertEquals(400, failure.status().code());
        assertEquals("not an image", failure.message());
    }

    @Test
    void anArgumentErrorWrappedInUserCodeStaysAServerError() {
        DeploymentException ingress = new DeploymentException("Ingress", "Ingress.tag failed: boom",
                new IllegalStateException("boom", new IllegalArgumentException("deep")));

        HttpFailure failure = HttpFailure.of(ingress, TAG);

        assertEquals(500, failure.status().code());
        assertEquals("Ingress.tag failed: boom", failure.message());
    }
}
