package dev.trellis.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

/** A refusal of the request's arguments keeps its status however many deployments it passed through. */
class GrpcStatusesTest {

    @Test
    void argumentsRefusedDownTheChainAreInvalidArgumentAndComeBackAsARefusal() {
        // The ingress deployment let through the failure of the step it handed the upload to.
        DeploymentException failure = new DeploymentException("TagIngress", "TagIngress.tag failed: refused",
                new DeploymentException("Preprocessor", "Preprocessor.prepare refused its arguments: not an image",
                        new IllegalArgumentException("not an image")));

        StatusRuntimeException status = GrpcStatuses.toStatus(failure);

        assertEquals(Status.Code.INVALID_ARGUMENT, status.getStatus().getCode());
        assertEquals("not an image", status.getStatus().getDescription());
        RuntimeException received = GrpcStatuses.toException("TagIngress", "TagIngress.tag", status);
        assertTrue(received instanceof DeploymentException deployment && deployment.refusedArguments().isPresent(),
                "the caller's process answers it as the client's fault: " + received);
    }

    @Test
    void aFailureThatMerelyWrapsOneStaysTheDeploymentsOwn() {
        DeploymentException failure = new DeploymentException("TagIngress", "TagIngress.tag failed",
                new IllegalStateException("wrapped", new IllegalArgumentException("deep in user code")));

        assertEquals(Status.Code.UNKNOWN, GrpcStatuses.toStatus(failure).getStatus().getCode());
    }
}
