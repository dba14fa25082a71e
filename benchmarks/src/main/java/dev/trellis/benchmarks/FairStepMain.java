package dev.trellis.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.samples.tagging.ocr.OcrModelFiles;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One replica of one step of {@link FairMicroservices}, in a JVM of its own: a plain Helidon SE server
 * ({@link PlainHttpServer}: loopback, {@code TCP_NODELAY}) with the step's route and {@value #HEALTH_PATH}.
 * Its models open with one intra-op thread each, from {@code -Dtrellis.ocr.models}. Prints
 * {@code READY <port>} when it serves; SIGTERM stops it, and it exits when its parent does.
 *
 * <p>{@code FairStepMain <step> <port> [<step>=<port>,<port> ...]}: the front is given the ports of every
 * other step's replicas.
 */
public final class FairStepMain {

    /** Answers 200 once the step serves. */
    static final String HEALTH_PATH = "/healthz";

    private static final OnnxSettings ONE_THREAD = OnnxSettings.cpu(1);

    private FairStepMain() {}

    public static void main(String[] args) throws Exception {
        ServerMain.exitWithParent();
        if (args.length < 2) {
            System.err.println("Usage: FairStepMain <step> <port> [<step>=<port>,<port> ...]");
            System.exit(2);
        }
        ServerMain.prepare();
        FairStep step = FairStep.of(args[0]);
        ObjectMapper json = new ObjectMapper();
        List<AutoCloseable> resources = new ArrayList<>(); // closed after the server stops
        Handler handler = switch (step) {
            case FRONT -> {
                FairFront front = new FairFront(json, peers(Arrays.asList(args).subList(2, args.length)));
                resources.add(front);
                yield front::handle;
            }
            case PREPROCESS -> FairSteps.preprocess(json);
            case DETECT -> opened(new FairSteps.Detect(json, OcrModelFiles.fromSystemProperty(), ONE_THREAD), resources);
            case CLASSIFY -> opened(new FairSteps.Classify(json, OcrModelFiles.fromSystemProperty(), ONE_THREAD),
                    resources);
            case RECOGNIZE -> opened(new FairSteps.Recognize(json, OcrModelFiles.fromSystemProperty(), ONE_THREAD),
                    resources);
            case TAG -> FairSteps.tag(json);
        };
        WebServer server = PlainHttpServer.start(Integer.parseInt(args[1]), routing -> routing
                .post(step.path(), handler)
                .get(HEALTH_PATH, (request, response) -> response.send("ok")));
        ServerMain.serveUntilStopped(server.port(), () -> {
            server.stop();
            for (AutoCloseable resource : resources) {
                resource.close();
            }
        });
    }

    private static Handler opened(FairSteps.ModelStep step, List<AutoCloseable> resources) {
        resources.add(step);
        return step;
    }

    /** {@code detect=4101,4102} and the like, by step. */
    private static Map<FairStep, List<Integer>> peers(List<String> arguments) {
        Map<FairStep, List<Integer>> ports = new EnumMap<>(FairStep.class);
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("A peer is <step>=<port>,<port>..., not " + argument);
            }
            ports.put(FairStep.of(argument.substring(0, equals)), Arrays.stream(argument.substring(equals + 1)
                    .split(",")).map(Integer::valueOf).toList());
        }
        return ports;
    }

    /** The argument that gives the front the ports of {@code step}'s replicas. */
    static String peerArgument(FairStep step, List<Integer> ports) {
        return step.id() + "=" + String.join(",", ports.stream().map(String::valueOf).toList());
    }
}
