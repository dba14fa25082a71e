package dev.trellis.processor.read;

/** The qualified names of Trellis's annotations, as the processor matches them. */
public final class AnnotationNames {

    private AnnotationNames() {}

    private static final String PACKAGE = "dev.trellis.annotations.";

    public static final String DEPLOYMENT = PACKAGE + "Deployment";
    public static final String INGRESS = PACKAGE + "Ingress";
    public static final String APPLICATION = PACKAGE + "Application";
    public static final String POST = PACKAGE + "Post";
    public static final String GET = PACKAGE + "Get";
    public static final String DEFAULT = PACKAGE + "Default";
    public static final String RECONFIGURE = PACKAGE + "Reconfigure";
    public static final String HEALTH_CHECK = PACKAGE + "HealthCheck";
    public static final String IDEMPOTENT = PACKAGE + "Idempotent";
    public static final String BATCH = PACKAGE + "Batch";
    public static final String MULTIPLEXED = PACKAGE + "Multiplexed";
}
