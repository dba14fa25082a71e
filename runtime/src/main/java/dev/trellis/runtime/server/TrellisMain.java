package dev.trellis.runtime.server;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.graph.Applications;
import dev.trellis.runtime.tracing.LogFormat;
import dev.trellis.runtime.tracing.TracingSettings;
import io.helidon.logging.common.LogConfig;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Serves an application found on the class path until the JVM is told to stop (Ctrl-C):
 * {@code java -cp ... dev.trellis.runtime.server.TrellisMain [application]}.
 *
 * <p>The application is the one named by the first argument, else by the system property
 * {@value #APPLICATION_PROPERTY}, else the only one there is. The port comes from the system
 * property {@value #PORT_PROPERTY}, else the environment variable {@value #PORT_ENV}, else 8000. The
 * topology, the deployment YAML and the node's resources come from {@code -Dtrellis.topology},
 * {@code -Dtrellis.deploymentYaml} and {@code -Dtrellis.node} (or {@code TRELLIS_TOPOLOGY},
 * {@code TRELLIS_DEPLOYMENT_YAML}, {@code TRELLIS_NODE}); the options of replica JVMs from
 * {@code -Dtrellis.replicaJavaOptions} (or {@code TRELLIS_REPLICA_JAVA_OPTIONS}); where spans go from
 * {@code -Dtrellis.tracing} and {@code -Dtrellis.tracing.endpoint} (or {@code TRELLIS_TRACING},
 * {@code TRELLIS_TRACING_ENDPOINT}). This is the one place they are read.
 */
public final class TrellisMain {

    public static final String APPLICATION_PROPERTY = "trellis.app";
    public static final String PORT_PROPERTY = "trellis.port";
    public static final String PORT_ENV = "TRELLIS_PORT";
    public static final String TOPOLOGY_PROPERTY = "trellis.topology";
    public static final String TOPOLOGY_ENV = "TRELLIS_TOPOLOGY";
    /** The admin API's port on 127.0.0.1: default the application's port + 1; -1 serves none. */
    public static final String ADMIN_PORT_PROPERTY = "trellis.adminPort";
    public static final String ADMIN_PORT_ENV = "TRELLIS_ADMIN_PORT";
    /** The token admin calls must present; without one, one is made at start and printed once. */
    public static final String ADMIN_TOKEN_PROPERTY = "trellis.adminToken";
    public static final String ADMIN_TOKEN_ENV = "TRELLIS_ADMIN_TOKEN";
    /** The bearer token the ingress requires (its routes, status, dashboard data, gRPC); none: open. */
    public static final String INGRESS_TOKEN_PROPERTY = "trellis.ingressToken";
    public static final String INGRESS_TOKEN_ENV = "TRELLIS_INGRESS_TOKEN";
    /** The largest request body, in bytes (TRELLIS_MAX_BODY_BYTES); default 10 MiB. */
    public static final String MAX_BODY_BYTES_PROPERTY = "trellis.maxBodyBytes";
    /** The largest request headers, all together, in bytes (TRELLIS_MAX_HEADER_BYTES); default 16 KiB. */
    public static final String MAX_HEADER_BYTES_PROPERTY = "trellis.maxHeaderBytes";
    /** TLS on the application's port: a PKCS#12 keystore (its password: ...Password / ..._PASSWORD). */
    public static final String TLS_KEYSTORE_PROPERTY = "trellis.tls.keystore";
    public static final String TLS_KEYSTORE_ENV = "TRELLIS_TLS_KEYSTORE";
    /** Mutual TLS: the PKCS#12 truststore clients' certificates must chain to. */
    public static final String TLS_CLIENT_TRUSTSTORE_PROPERTY = "trellis.tls.clientTruststore";
    public static final String TLS_CLIENT_TRUSTSTORE_ENV = "TRELLIS_TLS_CLIENT_TRUSTSTORE";
    /** Options of every replica JVM, separated by spaces, replacing the defaults. */
    public static final String REPLICA_JAVA_OPTIONS_PROPERTY = "trellis.replicaJavaOptions";
    public static final String REPLICA_JAVA_OPTIONS_ENV = "TRELLIS_REPLICA_JAVA_OPTIONS";

    /** The exit status for a wrong command line or environment, as sysexits' EX_USAGE. */
    private static final int USAGE_ERROR = 64;

    private static final System.Logger LOGGER = System.getLogger(TrellisMain.class.getName());

    private TrellisMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LogConfig.configureRuntime();
        TrellisServer.Builder builder;
        try {
            var application = Applications.select(requestedApplication(args, System.getProperty(APPLICATION_PROPERTY)));
            LogFormat.installUnlessConfigured(application.name(), null, null);
            Optional<Path> deploymentYaml = setting(DeploymentYaml.PROPERTY, DeploymentYaml.ENV).map(Path::of);
            int port = port(System.getProperty(PORT_PROPERTY), System.getenv(PORT_ENV));
            builder = TrellisServer.builder()
                    .application(application)
                    .port(port)
                    .adminPort(adminPort(setting(ADMIN_PORT_PROPERTY, ADMIN_PORT_ENV), port))
                    .topology(topology(System.getProperty(TOPOLOGY_PROPERTY), System.getenv(TOPOLOGY_ENV))
                            .or(() -> deploymentYaml.flatMap(file -> DeploymentYaml.read(file)
                                    .application(application.name()).flatMap(DeploymentYaml.ApplicationOverrides::topology)))
                            .orElse(Topology.LOCAL))
                    .deploymentYaml(deploymentYaml)
                    .node(node(setting(NodeResources.PROPERTY, NodeResources.ENV),
                            setting(NodeResources.GPUS_PROPERTY, NodeResources.GPUS_ENV)));
            setting(ADMIN_TOKEN_PROPERTY, ADMIN_TOKEN_ENV).ifPresent(builder::adminToken);
            setting(INGRESS_TOKEN_PROPERTY, INGRESS_TOKEN_ENV).ifPresent(builder::ingressToken);
            setting(MAX_BODY_BYTES_PROPERTY, "TRELLIS_MAX_BODY_BYTES").ifPresent(bytes ->
                    builder.maxBodyBytes(number(MAX_BODY_BYTES_PROPERTY, bytes)));
            setting(MAX_HEADER_BYTES_PROPERTY, "TRELLIS_MAX_HEADER_BYTES").ifPresent(bytes ->
                    builder.maxHeaderBytes(Math.toIntExact(Math.min(Integer.MAX_VALUE, number(MAX_HEADER_BYTES_PROPERTY, bytes)))));
            setting(TLS_KEYSTORE_PROPERTY, TLS_KEYSTORE_ENV).ifPresent(keystore -> builder.tls(Path.of(keystore),
                    setting(TLS_KEYSTORE_PROPERTY + "Password", TLS_KEYSTORE_ENV + "_PASSWORD").orElse("").toCharArray()));
            setting(TLS_CLIENT_TRUSTSTORE_PROPERTY, TLS_CLIENT_TRUSTSTORE_ENV).ifPresent(truststore -> builder
                    .tlsClientTruststore(Path.of(truststore), setting(TLS_CLIENT_TRUSTSTORE_PROPERTY + "Password",
                            TLS_CLIENT_TRUSTSTORE_ENV + "_PASSWORD").orElse("").toCharArray()));
            builder.tracing(TracingSettings.fromSystem()); // -Dtrellis.tracing(.endpoint) or TRELLIS_TRACING(_ENDPOINT)
            setting(REPLICA_JAVA_OPTIONS_PROPERTY, REPLICA_JAVA_OPTIONS_ENV)
                    .ifPresent(options -> builder.replicaJavaOptions(List.of(options.split("\\s+"))));
        } catch (IllegalArgumentException e) {
            System.err.println("trellis: " + e.getMessage());
            System.exit(USAGE_ERROR);
            return;
        }
        TrellisServer server;
        try {
            server = builder.build().start();
        } catch (ApplicationStartException e) {
            System.err.println("trellis: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("trellis-shutdown").unstarted(server::stop));
        LOGGER.log(Level.INFO, servingMessage(server));
        if (server.adminPort() >= 0) {
            // The one place the made-up token is shown: whoever started the application operates it.
            System.out.println("Trellis admin API on http://127.0.0.1:" + server.adminPort() + "/admin"
                    + (server.adminTokenGenerated() ? " (token: " + server.adminToken() + ")"
                            : " (token from -D" + ADMIN_TOKEN_PROPERTY + ")"));
            System.out.flush();
        }
        server.whenStopped().join(); // no deadline: the main thread lives as long as the server (SIGTERM, or the admin API's delete)
        LOGGER.log(Level.INFO, "Trellis application ''{0}'' stopped", server.application().name());
        System.exit(0);
    }

    /** A count of bytes a setting gives, or a message naming it. */
    private static long number(String setting, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " must be a number of bytes, was '" + value + "'");
        }
    }

    /** The system property {@code property}, else the environment variable {@code env}; empty when neither is set. */
    private static Optional<String> setting(String property, String env) {
        String value = System.getProperty(property, System.getenv(env));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * This machine's resources, with what {@code -Dtrellis.node} describes over them and as many GPUs as
     * {@code -Dtrellis.gpus} says, when set.
     *
     * @throws IllegalArgumentException if either cannot be read
     */
    static NodeResources node(Optional<String> description, Optional<String> gpus) {
        java.util.OptionalInt gpuCount = java.util.OptionalInt.empty();
        if (gpus.isPresent()) {
            try {
                gpuCount = java.util.OptionalInt.of(Integer.parseInt(gpus.get()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(NodeResources.GPUS_PROPERTY + " must be a number of GPUs, was '"
                        + gpus.get() + "'", e);
            }
        }
        NodeResources machine = NodeResources.detect(gpuCount);
        return description.map(text -> NodeResources.parse(text, machine)).orElse(machine);
    }

    /**
     * The topology from the system property, else the environment; empty when neither is set (the
     * deployment YAML's {@code topology} then, else local).
     */
    static Optional<Topology> topology(String property, String environment) {
        String name = property != null && !property.isBlank() ? property : environment;
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(Topology.parse(name));
    }

    /** The application named on the command line, else by the system property. */
    static Optional<String> requestedApplication(String[] args, String property) {
        if (args.length > 0 && !args[0].isBlank()) {
            return Optional.of(args[0]);
        }
        return Optional.ofNullable(property).filter(name -> !name.isBlank());
    }

    /**
     * The port from the system property, else the environment variable, else 8000.
     *
     * @throws IllegalArgumentException if the value that applies is not a port number
     */
    static int port(String property, String environment) {
        String source = property != null ? "-D" + PORT_PROPERTY : PORT_ENV;
        String value = property != null ? property : environment;
        if (value == null || value.isBlank()) {
            return TrellisServer.Builder.DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the valid range
        }
        throw new IllegalArgumentException(source + "=" + value + " is not a port: use a number from 0 to 65535");
    }

    /**
     * The admin API's port: the setting's ({@code -1} or {@code off} for none), else the application's port
     * + 1 (any free one when the application's is chosen freely too).
     *
     * @throws IllegalArgumentException if the setting is not a port
     */
    static int adminPort(Optional<String> setting, int applicationPort) {
        if (setting.isEmpty()) {
            return applicationPort == 0 || applicationPort == 65_535 ? 0 : applicationPort + 1;
        }
        String value = setting.get();
        if (value.equals("off") || value.equals("-1")) {
            return -1;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("-D" + ADMIN_PORT_PROPERTY + "=" + value + " is not a port: use a number"
                + " from 0 to 65535, or off");
    }

    /** "Trellis application 'hello' serving on http://localhost:8000 (POST /hello, GET /-/healthz)". */
    static String servingMessage(TrellisServer server) {
        return "Trellis application '" + server.application().name() + "' serving on http://localhost:" + server.port()
                + " (" + String.join(", ", server.routes()) + ", GET " + TrellisServer.HEALTH_PATH + ", GET "
                + TrellisServer.STATUS_PATH + "; replicas: "
                + server.topology().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
