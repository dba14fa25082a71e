package fixtures.greetings;

import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.TypeToken;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.AutoscalingSpec;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.HealthSpec;
import dev.trellis.runtime.graph.HttpVerb;
import dev.trellis.runtime.graph.IngressRoute;
import java.time.Duration;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The graph of application {@code greetings}, declared by {@link GreetingsApp}.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class GreetingsAppGraph implements ApplicationGraph {
  public GreetingsAppGraph() {
  }

  @Override
  public String name() {
    return "greetings";
  }

  @Override
  public String ingress() {
    return "Front";
  }

  @Override
  public String manifestResource() {
    return "META-INF/trellis/greetings.yaml";
  }

  @Override
  public Duration requestTimeout() {
    return Duration.ofMillis(60000);
  }

  @Override
  public List<DeploymentNode<?>> nodes() {
    return List.of(
          nodeGreeter(),
          nodeLoud(),
          nodeFront());
  }

  @Override
  public List<IngressRoute> routes() {
    return List.of(
          IngressRoute.post("/greet", FrontHandle.GREET, new TypeToken<Request>() {}),
          IngressRoute.withoutBody(HttpVerb.GET, "/greet/health", FrontHandle.HEALTH),
          IngressRoute.withoutBody(HttpVerb.POST, "/greet/reset", FrontHandle.RESET));
  }

  private static DeploymentNode<Greeter> nodeGreeter() {
    return new DeploymentNode<>(
          "Greeter",
          new DeploymentSpec(2, 5, -1, new ResourceSpec(0.5, 0.5, 512L), HealthSpec.ofMillis(5000L, 1000L)),
          List.of(),
          context -> new Greeter(context.config(GreeterConfig.class)),
          new GreeterDispatcher(),
          new GreeterWire());
  }

  private static DeploymentNode<Shouter> nodeLoud() {
    return new DeploymentNode<>(
          "Loud",
          DeploymentSpec.autoscaled(
            AutoscalingSpec.ofMillis(1, 3, 1, 1.5, 3000L, 60000L, 60000L, 1.0, 1.0, 5000L, 100L),
            2, 10, new ResourceSpec(1.0, 0.0, 0L), HealthSpec.DEFAULT),
          List.of(),
          context -> new Shouter(),
          new ShouterDispatcher(),
          new ShouterWire());
  }

  private static DeploymentNode<Front> nodeFront() {
    return new DeploymentNode<>(
          "Front",
          new DeploymentSpec(1, 5, -1, new ResourceSpec(1.0, 0.0, 0L), HealthSpec.DEFAULT),
          List.of("Greeter", "Loud"),
          context -> new Front(new GreeterHandle(context.channel("Greeter")), new ShouterHandle(context.channel("Loud"))),
          new FrontDispatcher(),
          new FrontWire());
  }
}
