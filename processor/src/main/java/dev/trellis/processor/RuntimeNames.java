package dev.trellis.processor;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types that generated code names. The processor never depends on the runtime module, so
 * these are written out here; a test in codegen-tests loads each one to keep them true.
 */
public final class RuntimeNames {

    private RuntimeNames() {}

    private static final String RUNTIME = "dev.trellis.runtime";
    private static final String GRAPH = RUNTIME + ".graph";
    private static final String WIRE = RUNTIME + ".wire";
    private static final String GRPC = RUNTIME + ".grpc";

    public static final ClassName DEPLOYMENT_HANDLE = ClassName.get(RUNTIME, "DeploymentHandle");
    public static final ClassName DEPLOYMENT_CHANNEL = ClassName.get(RUNTIME, "DeploymentChannel");
    public static final ClassName DEPLOYMENT_METHOD = ClassName.get(RUNTIME, "DeploymentMethod");
    public static final ClassName BATCH_SPEC = ClassName.get(RUNTIME, "BatchSpec");
    public static final ClassName MULTIPLEXING = ClassName.get(RUNTIME, "Multiplexing");

    public static final ClassName DEPLOYMENT_RESPONSE = ClassName.get(RUNTIME, "DeploymentResponse");
    public static final ClassName DEPLOYMENT_STREAM = ClassName.get(RUNTIME, "DeploymentStream");
    public static final ClassName TYPE_TOKEN = ClassName.get(RUNTIME, "TypeToken");

    public static final ClassName APPLICATION_GRAPH = ClassName.get(GRAPH, "ApplicationGraph");
    public static final ClassName DEPLOYMENT_NODE = ClassName.get(GRAPH, "DeploymentNode");
    public static final ClassName DEPLOYMENT_SPEC = ClassName.get(GRAPH, "DeploymentSpec");
    public static final ClassName AUTOSCALING_SPEC = ClassName.get(GRAPH, "AutoscalingSpec");
    public static final ClassName RESOURCE_SPEC = ClassName.get(RUNTIME, "ResourceSpec");
    public static final ClassName DISPATCHER = ClassName.get(GRAPH, "Dispatcher");
    public static final ClassName INGRESS_ROUTE = ClassName.get(GRAPH, "IngressRoute");
    public static final ClassName HTTP_VERB = ClassName.get(GRAPH, "HttpVerb");
    public static final ClassName DEPLOYMENT_WIRE = ClassName.get(GRAPH, "DeploymentWire");
    public static final ClassName DEPLOYMENT_CONTEXT = ClassName.get(RUNTIME, "DeploymentContext");
    public static final ClassName HEALTH_SPEC = ClassName.get(GRAPH, "HealthSpec");

    public static final ClassName WIRE_CODEC = ClassName.get(WIRE, "WireCodec");
    public static final ClassName WIRE_WRITER = ClassName.get(WIRE, "WireWriter");
    public static final ClassName WIRE_READER = ClassName.get(WIRE, "WireReader");
    public static final ClassName WIRE_FORMAT_EXCEPTION = ClassName.get(WIRE, "WireFormatException");

    public static final ClassName APPLICATION_CLIENT = ClassName.get(GRPC, "ApplicationClient");
    public static final ClassName REMOTE_REPLICA = ClassName.get(GRPC, "RemoteReplica");

    /** Every constant above, for the test that checks them against the runtime's classes. */
    public static final java.util.List<ClassName> ALL = java.util.List.of(
            DEPLOYMENT_HANDLE, DEPLOYMENT_CHANNEL, DEPLOYMENT_METHOD, BATCH_SPEC, DEPLOYMENT_RESPONSE, TYPE_TOKEN,
            APPLICATION_GRAPH, DEPLOYMENT_NODE, DEPLOYMENT_SPEC, RESOURCE_SPEC, DISPATCHER, INGRESS_ROUTE,
            HTTP_VERB, DEPLOYMENT_WIRE, HEALTH_SPEC, WIRE_CODEC, WIRE_WRITER, WIRE_READER, WIRE_FORMAT_EXCEPTION,
            APPLICATION_CLIENT, REMOTE_REPLICA, DEPLOYMENT_CONTEXT, MULTIPLEXING, DEPLOYMENT_STREAM, AUTOSCALING_SPEC);
}
