package fixtures.greetings;

import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentHandle;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.DeploymentStream;
import javax.annotation.processing.Generated;

/**
 * Calls the replicas of the {@code Loud} deployment, {@link Shouter}.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class ShouterHandle extends DeploymentHandle {
  public static final DeploymentMethod<String> SHOUT_TWICE = new DeploymentMethod<>("Loud", "shoutTwice", 0);

  public static final DeploymentMethod<String> SPELL = new DeploymentMethod<>("Loud", "spell", 1, false, null, true);

  public static final DeploymentMethod<Volume> MEASURE = new DeploymentMethod<>("Loud", "measure", 2);

  public ShouterHandle(DeploymentChannel channel) {
    super(channel);
  }

  public DeploymentResponse<String> shoutTwice(String text, boolean exclaim) {
    return call(SHOUT_TWICE, new Object[] {text, exclaim});
  }

  public DeploymentResponse<String> shoutTwice(DeploymentResponse<String> text,
      DeploymentResponse<Boolean> exclaim) {
    return DeploymentResponse.whenAll(text, exclaim).thenCompose(ready -> shoutTwice(text.join(), exclaim.join()));
  }

  public DeploymentStream<String> spell(String text) {
    return stream(SPELL, new Object[] {text});
  }

  public DeploymentResponse<Volume> measure(String text) {
    return call(MEASURE, new Object[] {text});
  }

  public DeploymentResponse<Volume> measure(DeploymentResponse<String> text) {
    return DeploymentResponse.whenAll(text).thenCompose(ready -> measure(text.join()));
  }
}
