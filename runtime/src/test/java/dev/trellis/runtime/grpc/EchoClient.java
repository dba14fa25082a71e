package dev.trellis.runtime.grpc;

import dev.trellis.runtime.DeploymentResponse;
import java.time.Duration;

/** What the processor would generate as the client of an application whose ingress is {@link Echo}. */
final class EchoClient extends ApplicationClient {

    private EchoClient(RemoteReplica ingress) {
        super(ingress);
    }

    static EchoClient connect(String target) {
        return new EchoClient(connectIngress(target, GrpcIngressTest.APPLICATION, "Echo", new EchoWire()));
    }

    EchoClient withDeadline(Duration deadline) {
        return new EchoClient(ingressWithDeadline(deadline));
    }

    String echo(String text) {
        return call(Echo.ECHO, new Object[] {text});
    }

    String refuse(String why) {
        return call(Echo.REFUSE, new Object[] {why});
    }

    DeploymentResponse<String> holdAsync(String text) {
        return callAsync(Echo.HOLD, new Object[] {text});
    }

    String hold(String text) {
        return call(Echo.HOLD, new Object[] {text});
    }
}
