package fixtures.greetings;

import dev.trellis.runtime.graph.Dispatcher;
import javax.annotation.processing.Generated;

/**
 * Calls the methods of {@code Front} by index, as its handle numbers them.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class FrontDispatcher implements Dispatcher<Front> {
  @Override
  public Object dispatch(Front target, int method, Object[] args) throws Throwable {
    return switch (method) {
      case 0 -> target.greet((Request) args[0]);
      case 1 -> target.health();
      case 2 -> {
        target.reset();
        yield null;
      }
      default -> throw new IllegalArgumentException("Front has no method with index " + method);
    };
  }
}
