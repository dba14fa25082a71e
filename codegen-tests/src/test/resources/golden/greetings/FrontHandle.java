package fixtures.greetings;

import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentHandle;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import javax.annotation.processing.Generated;

/**
 * Calls the replicas of the {@code Front} deployment, {@link Front}.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class FrontHandle extends DeploymentHandle {
  public static final DeploymentMethod<Reply> GREET = new DeploymentMethod<>("Front", "greet", 0);

  public static final DeploymentMethod<String> HEALTH = new DeploymentMethod<>("Front", "health", 1);

  public static final DeploymentMethod<Void> RESET = new DeploymentMethod<>("Front", "reset", 2);

  public FrontHandle(DeploymentChannel channel) {
    super(channel);
  }

  public DeploymentResponse<Reply> greet(Request request) {
    return call(GREET, new Object[] {request});
  }

  public DeploymentResponse<Reply> greet(DeploymentResponse<Request> request) {
    return DeploymentResponse.whenAll(request).thenCompose(ready -> greet(request.join()));
  }

  public DeploymentResponse<String> health() {
    return call(HEALTH, new Object[] {});
  }

  public DeploymentResponse<Void> reset() {
    return call(RESET, new Object[] {});
  }
}
