package fixtures.greetings;

import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentHandle;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Calls the replicas of the {@code Greeter} deployment, {@link Greeter}.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class GreeterHandle extends DeploymentHandle {
  public static final DeploymentMethod<String> GREET = new DeploymentMethod<>("Greeter", "greet", 0);

  public static final DeploymentMethod<Integer> COUNT = new DeploymentMethod<>("Greeter", "count", 1);

  public static final DeploymentMethod<Void> RESET = new DeploymentMethod<>("Greeter", "reset", 2);

  public GreeterHandle(DeploymentChannel channel) {
    super(channel);
  }

  public DeploymentResponse<String> greet(String name) {
    return call(GREET, new Object[] {name});
  }

  public DeploymentResponse<String> greet(DeploymentResponse<String> name) {
    return DeploymentResponse.whenAll(name).thenCompose(ready -> greet(name.join()));
  }

  public DeploymentResponse<Integer> count(List<String> names) {
    return call(COUNT, new Object[] {names});
  }

  public DeploymentResponse<Integer> count(DeploymentResponse<List<String>> names) {
    return DeploymentResponse.whenAll(names).thenCompose(ready -> count(names.join()));
  }

  public DeploymentResponse<Void> reset() {
    return call(RESET, new Object[] {});
  }
}
