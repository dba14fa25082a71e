package dev.trellis.samples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.graph.Applications;
import dev.trellis.runtime.server.TrellisApplication;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample's generated handles composed in-process, as a test or another deployment would use them. */
class HelloHandlesTest {

    private static TrellisApplication app;
    private static GreeterHandle greeter;
    private static ShouterHandle shouter;

    @BeforeAll
    static void start() {
        app = TrellisApplication.start(Applications.find("hello"));
        greeter = new GreeterHandle(app.channel("Greeter"));
        shouter = new ShouterHandle(app.channel("Shouter"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aResponsePassedToAnotherCallIsSentWhenItResolves() {
        DeploymentResponse<String> shouted = shouter.shout(greeter.greet("Ada"));

        assertEquals("HELLO, ADA!!!!", shouted.join());
    }

    @Test
    void aChainWaitsForAResponseThatResolvesLater() {
        CompletableFuture<String> later = new CompletableFuture<>();
        DeploymentResponse<String> shouted = shouter.shout(DeploymentResponse.of(later));

        assertThrows(TimeoutException.class, () -> shouted.get(Duration.ofMillis(50)));
        later.complete("late");
        assertEquals("LATE!!!", shouted.join());
    }

    @Test
    void aFailedArgumentFailsTheChainWithoutCallingTheNextDeployment() {
        IllegalStateException upstream = new IllegalStateException("upstream broke");
        DeploymentResponse<String> shouted = shouter.shout(DeploymentResponse.failed(upstream));

        assertSame(upstream, assertThrows(IllegalStateException.class, shouted::join));
    }

    @Test
    void fanOutAndGatherKeepsTheOrder() {
        List<DeploymentResponse<String>> greetings = List.of("a", "b", "c").stream().map(greeter::greet).toList();

        assertEquals(List.of("Hello, a!", "Hello, b!", "Hello, c!"), DeploymentResponse.joinAll(greetings));
    }

    @Test
    void aResponseGivesTheSameValueEveryTime() {
        DeploymentResponse<String> greeting = greeter.greet("Grace");

        assertEquals(greeting.join(), greeting.join());
        assertEquals("HELLO, GRACE!", greeting.thenApply(text -> text.toUpperCase(java.util.Locale.ROOT)).join());
    }

    @Test
    void aFailureInAReplicaNamesTheDeployment() {
        DeploymentException failure = assertThrows(DeploymentException.class,
                () -> shouter.shout((String) null).join());

        assertEquals("Shouter", failure.deployment());
        assertInstanceOf(NullPointerException.class, failure.getCause());
    }
}
