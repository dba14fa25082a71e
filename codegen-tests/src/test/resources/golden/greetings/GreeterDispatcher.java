package fixtures.greetings;

import dev.trellis.runtime.graph.Dispatcher;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * Calls the methods of {@code Greeter} by index, as its handle numbers them.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class GreeterDispatcher implements Dispatcher<Greeter> {
  @Override
  @SuppressWarnings("unchecked")
  public Object dispatch(Greeter target, int method, Object[] args) throws Throwable {
    return switch (method) {
      case 0 -> target.greet((String) args[0]);
      case 1 -> target.count((List<String>) args[0]);
      case 2 -> {
        target.reset();
        yield null;
      }
      default -> throw new IllegalArgumentException("Greeter has no method with index " + method);
    };
  }

  @Override
  public boolean reconfigure(Greeter target, Object config) throws Throwable {
    target.reconfigure((GreeterConfig) config);
    return true;
  }

  @Override
  public Optional<Class<?>> configType() {
    return Optional.of(GreeterConfig.class);
  }

  @Override
  public boolean checkHealth(Greeter target) throws Throwable {
    return target.ready();
  }
}
