package fixtures.greetings;

import dev.trellis.runtime.graph.Dispatcher;
import javax.annotation.processing.Generated;

/**
 * Calls the methods of {@code Loud} by index, as its handle numbers them.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class ShouterDispatcher implements Dispatcher<Shouter> {
  @Override
  public Object dispatch(Shouter target, int method, Object[] args) throws Throwable {
    return switch (method) {
      case 0 -> target.shoutTwice((String) args[0], (boolean) args[1]);
      case 1 -> target.spell((String) args[0]);
      case 2 -> target.measure((String) args[0]);
      default -> throw new IllegalArgumentException("Loud has no method with index " + method);
    };
  }
}
