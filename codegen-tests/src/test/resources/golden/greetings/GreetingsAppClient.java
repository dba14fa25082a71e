package fixtures.greetings;

import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.grpc.ApplicationClient;
import dev.trellis.runtime.grpc.RemoteReplica;
import java.time.Duration;
import javax.annotation.processing.Generated;

/**
 * Calls application {@code greetings} from another program, over gRPC: the methods of its
 * ingress, {@link Front}. Thread-safe; {@link #close()} it when done.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class GreetingsAppClient extends ApplicationClient {
  private GreetingsAppClient(RemoteReplica ingress) {
    super(ingress);
  }

  /**
   * Connects to a server of {@code greetings} at {@code target}, {@code "host:port"}; the
   * connection is made at the first call and kept. Each call has the
   * {@link #DEFAULT_DEADLINE} unless {@link #withDeadline} says otherwise.
   *
   * @throws IllegalArgumentException if {@code target} is not {@code "host:port"}
   */
  public static GreetingsAppClient connect(String target) {
    return new GreetingsAppClient(connectIngress(target, "greetings", "Front", new FrontWire()));
  }

  /**
   * A copy whose calls each have {@code deadline}; it shares this client's connection.
   */
  public GreetingsAppClient withDeadline(Duration deadline) {
    return new GreetingsAppClient(ingressWithDeadline(deadline));
  }

  /**
   * Calls {@code Front.greet} and waits for its answer, at most until the deadline.
   */
  public Reply greet(Request request) {
    return call(FrontHandle.GREET, new Object[] {request});
  }

  /**
   * Starts a call of {@code Front.greet} and returns at once.
   */
  public DeploymentResponse<Reply> greetAsync(Request request) {
    return callAsync(FrontHandle.GREET, new Object[] {request});
  }

  /**
   * Calls {@code Front.health} and waits for its answer, at most until the deadline.
   */
  public String health() {
    return call(FrontHandle.HEALTH, new Object[] {});
  }

  /**
   * Starts a call of {@code Front.health} and returns at once.
   */
  public DeploymentResponse<String> healthAsync() {
    return callAsync(FrontHandle.HEALTH, new Object[] {});
  }

  /**
   * Calls {@code Front.reset} and waits for its answer, at most until the deadline.
   */
  public void reset() {
    call(FrontHandle.RESET, new Object[] {});
  }

  /**
   * Starts a call of {@code Front.reset} and returns at once.
   */
  public DeploymentResponse<Void> resetAsync() {
    return callAsync(FrontHandle.RESET, new Object[] {});
  }
}
