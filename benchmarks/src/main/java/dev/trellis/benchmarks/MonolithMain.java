package dev.trellis.benchmarks;

import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.samples.tagging.ocr.OcrModelFiles;

/**
 * The pipeline as a monolith in a JVM of its own: {@link MonolithTagServer} on the port given, the three
 * models opened with one intra-op thread each (as each Trellis deployment's {@code cpus} gives it), from
 * the directory {@code -Dtrellis.ocr.models} names. Prints {@code READY <port>} when it serves; SIGTERM
 * stops it. Run: {@code java -cp <benchmarks class path> dev.trellis.benchmarks.MonolithMain <port>}.
 */
public final class MonolithMain {

    private MonolithMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: MonolithMain <port>   (0 for a free one; models from -Dtrellis.ocr.models)");
            System.exit(2);
        }
        ServerMain.prepare();
        MonolithTagServer server = MonolithTagServer.start(OcrModelFiles.fromSystemProperty(), OnnxSettings.cpu(1),
                Integer.parseInt(args[0]));
        ServerMain.serveUntilStopped(server.port(), server);
    }
}
