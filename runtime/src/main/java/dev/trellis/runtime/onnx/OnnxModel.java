package dev.trellis.runtime.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.trellis.runtime.CallContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An ONNX model opened once per replica: a session on the CPU, or on the CUDA device its settings name
 * (falling back to the CPU with a warning where CUDA cannot start), run from any number of threads at
 * once. Inputs are checked against what the model declares before they reach ONNX Runtime, so a wrong
 * name, element type or shape fails with a message that says what the model expects. A run stops early
 * when the call it serves is cancelled or passes its deadline. Close it when the replica stops.
 */
public final class OnnxModel implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(OnnxModel.class.getName());

    private final String name;
    private final OrtSession session;
    private final OrtSession.SessionOptions options;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final String provider;

    private OnnxModel(String name, OrtSession session, OrtSession.SessionOptions options, String provider)
            throws OrtException {
        this.name = name;
        this.session = session;
        this.options = options;
        this.provider = provider;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
    }

    /**
     * Opens the model in {@code file}.
     *
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if ONNX Runtime cannot load it
     */
    public static OnnxModel open(Path file, OnnxSettings settings) {
        byte[] model;
        try {
            model = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ONNX model " + file, e);
        }
        return open(file.getFileName().toString(), model, settings);
    }

    /**
     * Opens a model given as bytes; {@code name} names it in messages.
     *
     * @throws IllegalArgumentException if ONNX Runtime cannot load it
     */
    public static OnnxModel open(String name, byte[] model, OnnxSettings settings) {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(1); // replicas run calls concurrently; one graph needs no more
            String provider = "CPU";
            if (settings.cudaDevice().isPresent()) {
                int device = settings.cudaDevice().getAsInt();
                try {
                    options.addCUDA(device);
                    provider = "CUDA:" + device;
                } catch (OrtException | RuntimeException | LinkageError e) {
                    LOGGER.log(Level.WARNING, "Model {0}: CUDA device {1} asked for but unavailable ({2});"
                            + " running on the CPU", name, device, e.getMessage());
                }
            }
            OrtSession session;
            try {
                session = OrtEnvironment.getEnvironment().createSession(model, options);
            } catch (OrtException e) {
                if (provider.equals("CPU")) {
                    throw e;
                }
                // CUDA started but this device cannot take the model (a wrong device id, no memory).
                LOGGER.log(Level.WARNING, "Model {0}: could not be opened on {1} ({2}); running on the CPU", name,
                        provider, e.getMessage());
                options.close();
                return open(name, model, new OnnxSettings(settings.intraOpThreads(), java.util.OptionalInt.empty(),
                        settings.warmUp()));
            }
            try {
                OnnxModel opened = new OnnxModel(name, session, options, provider);
                if (settings.warmUp()) {
                    opened.warmUp();
                }
                return opened;
            } catch (OrtException | RuntimeException | Error e) {
                closeQuietly(session); // a session holds native (and GPU) memory: never leak it
                throw e;
            }
        } catch (OrtException e) {
            options.close();
            throw new IllegalArgumentException("ONNX Runtime cannot load the model " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            options.close();
            throw e;
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException | RuntimeException e) {
            LOGGER.log(Level.DEBUG, "a session that failed to open did not close cleanly", e);
        }
    }

    /** The name it was opened with, for messages. */
    public String name() {
        return name;
    }

    /** Where it runs: {@code CPU} or {@code CUDA:<device>}. */
    public String provider() {
        return provider;
    }

    /** What it expects as inputs, in the model's order. */
    public List<TensorSpec> inputs() {
        return inputs;
    }

    /** What it gives as outputs, in the model's order. */
    public List<TensorSpec> outputs() {
        return outputs;
    }

    /**
     * Runs a model that has one input and one output.
     *
     * @throws IllegalArgumentException if the model has more inputs or outputs, or the input does not fit
     */
    public Tensor run(Tensor input) {
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new IllegalArgumentException("Model " + name + " has inputs " + inputs + " and outputs " + outputs
                    + "; run(Map) names them");
        }
        return run(Map.of(inputs.get(0).name(), input)).get(outputs.get(0).name());
    }

    /**
     * Runs the model on {@code inputs}, by input name, and returns every output, by name.
     *
     * @throws IllegalArgumentException if an input is missing, unknown, or of another type or shape than
     *     the model declares: the message says what it expects
     * @throws CancellationException if the call it serves was cancelled or passed its deadline meanwhile
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        check(inputs);
        Map<String, OnnxTensor> onnxInputs = new LinkedHashMap<>();
        try (OrtSession.RunOptions runOptions = new OrtSession.RunOptions()) {
            AtomicBoolean stopped = new AtomicBoolean();
            Runnable stopOnCancel = CallContext.current().map(context -> context.onCancel(() -> {
                stopped.set(true);
                terminate(runOptions);
            })).orElse(() -> { });
            try {
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                for (TensorSpec spec : this.inputs) {
                    onnxInputs.put(spec.name(), toOnnx(environment, inputs.get(spec.name())));
                }
                try (OrtSession.Result result = session.run(onnxInputs, runOptions)) {
                    Map<String, Tensor> outputs = new LinkedHashMap<>();
                    for (Map.Entry<String, OnnxValue> output : result) {
                        outputs.put(output.getKey(), fromOnnx(output.getKey(), output.getValue()));
                    }
                    return outputs;
                }
            } catch (OrtException e) {
                if (stopped.get()) {
                    CancellationException cancelled = new CancellationException("Model " + name
                            + " stopped: the call it served was cancelled or ran out of time");
                    cancelled.initCause(e);
                    throw cancelled;
                }
                throw new IllegalStateException("Model " + name + " failed: " + e.getMessage(), e);
            } finally {
                stopOnCancel.run();
                onnxInputs.values().forEach(OnnxTensor::close);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Model " + name + ": ONNX Runtime could not prepare a run: "
                    + e.getMessage(), e);
        }
    }

    /** Runs the model once on zeros, with every dimension of any size 1. */
    public void warmUp() {
        Map<String, Tensor> zeros = new LinkedHashMap<>();
        for (TensorSpec spec : inputs) {
            ElementType type = spec.type().orElseThrow(() -> new IllegalStateException("Model " + name
                    + " cannot be warmed up: input " + spec + " has a type Trellis's tensors do not carry"));
            zeros.put(spec.name(), Tensor.zeros(type, spec.concrete(1)));
        }
        run(zeros);
    }

    private void check(Map<String, Tensor> given) {
        for (String input : given.keySet()) {
            if (inputs.stream().noneMatch(spec -> spec.name().equals(input))) {
                throw new IllegalArgumentException("Model " + name + " has no input '" + input + "'; it expects "
                        + inputs);
            }
        }
        for (TensorSpec spec : inputs) {
            Tensor tensor = given.get(spec.name());
            if (tensor == null) {
                throw new IllegalArgumentException("Model " + name + " needs input " + spec + ", which is missing");
            }
            Optional<String> mismatch = spec.mismatch(tensor);
            if (mismatch.isPresent()) {
                throw new IllegalArgumentException("Model " + name + " expects input " + spec + ", but "
                        + mismatch.get());
            }
        }
    }

    private static void terminate(OrtSession.RunOptions runOptions) {
        try {
            runOptions.setTerminate(true);
        } catch (OrtException | RuntimeException e) {
            // The run ended meanwhile and closed its options: nothing is left to stop. Never throw into the
            // cancellation of the call, which has other work to stop.
            LOGGER.log(Level.DEBUG, "could not stop a model run", e);
        }
    }

    private static OnnxTensor toOnnx(OrtEnvironment environment, Tensor tensor) throws OrtException {
        long[] shape = tensor.shape();
        return switch (tensor.type()) {
            case FLOAT32 -> OnnxTensor.createTensor(environment, FloatBuffer.wrap(tensor.floats()), shape);
            case FLOAT64 -> OnnxTensor.createTensor(environment, DoubleBuffer.wrap(tensor.doubles()), shape);
            case INT64 -> OnnxTensor.createTensor(environment, LongBuffer.wrap(tensor.longs()), shape);
            case INT32 -> OnnxTensor.createTensor(environment, IntBuffer.wrap(tensor.ints()), shape);
            case INT8 -> OnnxTensor.createTensor(environment, ByteBuffer.wrap(tensor.bytes()), shape, OnnxJavaType.INT8);
            case UINT8 -> OnnxTensor.createTensor(environment, ByteBuffer.wrap(tensor.bytes()), shape,
                    OnnxJavaType.UINT8);
            case BOOL -> {
                boolean[] values = tensor.booleans();
                ByteBuffer bytes = ByteBuffer.allocateDirect(values.length).order(ByteOrder.nativeOrder());
                for (boolean value : values) {
                    bytes.put((byte) (value ? 1 : 0));
                }
                bytes.flip();
                yield OnnxTensor.createTensor(environment, bytes, shape, OnnxJavaType.BOOL);
            }
        };
    }

    private Tensor fromOnnx(String output, OnnxValue value) {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException("Model " + name + " output '" + output + "' is not a tensor: "
                    + value.getType());
        }
        TensorInfo info = tensor.getInfo();
        long[] shape = info.getShape();
        ElementType type = ElementType.of(info.onnxType).orElseThrow(() -> new IllegalStateException("Model " + name
                + " output '" + output + "' holds " + ElementType.describe(info.onnxType)
                + ", which Trellis's tensors do not carry"));
        return switch (type) {
            case FLOAT32 -> Tensor.floats(shape, copy(tensor.getFloatBuffer()));
            case FLOAT64 -> {
                DoubleBuffer buffer = tensor.getDoubleBuffer();
                double[] data = new double[buffer.remaining()];
                buffer.get(data);
                yield Tensor.doubles(shape, data);
            }
            case INT64 -> {
                LongBuffer buffer = tensor.getLongBuffer();
                long[] data = new long[buffer.remaining()];
                buffer.get(data);
                yield Tensor.longs(shape, data);
            }
            case INT32 -> {
                IntBuffer buffer = tensor.getIntBuffer();
                int[] data = new int[buffer.remaining()];
                buffer.get(data);
                yield Tensor.ints(shape, data);
            }
            case INT8, UINT8 -> {
                ByteBuffer buffer = tensor.getByteBuffer();
                byte[] data = new byte[buffer.remaining()];
                buffer.get(data);
                yield type == ElementType.INT8 ? Tensor.int8s(shape, data) : Tensor.uint8s(shape, data);
            }
            case BOOL -> {
                ByteBuffer buffer = tensor.getByteBuffer();
                boolean[] data = new boolean[buffer.remaining()];
                for (int i = 0; i < data.length; i++) {
                    data[i] = buffer.get() != 0;
                }
                yield Tensor.booleans(shape, data);
            }
        };
    }

    private static float[] copy(FloatBuffer buffer) {
        float[] data = new float[buffer.remaining()];
        buffer.get(data);
        return data;
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> nodes) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (node.getInfo() instanceof TensorInfo info) {
                specs.add(new TensorSpec(node.getName(), ElementType.describe(info.onnxType),
                        ElementType.of(info.onnxType).orElse(null), info.getShape(), info.getDimensionNames()));
            } else {
                specs.add(new TensorSpec(node.getName(), String.valueOf(node.getInfo()), null, new long[0],
                        new String[0]));
            }
        }
        return List.copyOf(specs);
    }

    /**
     * Closes the session. Runs must have ended: ONNX Runtime frees the session's memory at once. Replicas
     * close their instances only once their calls have ended.
     */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOGGER.log(Level.WARNING, "Model " + name + " did not close cleanly", e);
        } finally {
            options.close();
        }
    }

    @Override
    public String toString() {
        return "OnnxModel[" + name + " on " + provider + ", inputs " + inputs + ", outputs " + outputs + "]";
    }
}
