package dev.trellis.runtime.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.Applications;
import dev.trellis.runtime.graph.DeploymentWire;
import dev.trellis.runtime.graph.IngressRoute;
import dev.trellis.runtime.grpc.DeploymentGrpcService;
import dev.trellis.runtime.grpc.ReplicaServer;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.grpc.GrpcRouting;
import io.helidon.webserver.http.HttpRouting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Serves an application over HTTP: runs it ({@link TrellisApplication}, in this JVM or one process per
 * replica) behind a Helidon SE web server, with one JSON route per {@link IngressRoute}, its readiness at
 * {@value #HEALTH_PATH} and the controller's view of it at {@value #STATUS_PATH}.
 * The same port serves the ingress deployment over gRPC, as the application's generated {@code .proto}
 * describes it, for the generated {@code <App>Client} and any other gRPC client.
 *
 * <pre>{@code
 * TrellisServer server = TrellisServer.builder()
 *         .application(Applications.find("hello"))
 *         .port(8000)
 *         .build()
 *         .start();
 * }</pre>
 */
public final class TrellisServer implements AutoCloseable {

    /** The name of the admin API's listener. */
    private static final String ADMIN_SOCKET = "admin";

    private final java.util.concurrent.CompletableFuture<Void> stopped = new java.util.concurrent.CompletableFuture<>();

    /**
     * The readiness check's path: 200 while every deployment is healthy with its minimum replicas
     * running, 503 otherwise. Application routes may not use it.
     */
    public static final String HEALTH_PATH = "/-/healthz";
    /** Helidon's metrics endpoint: the application's meters in Prometheus' text format. */
    public static final String OBSERVE_METRICS_PATH = "/observe/metrics";
    /** Helidon's health endpoint: readiness and liveness, as a probe or a load balancer asks. */
    public static final String OBSERVE_HEALTH_PATH = "/observe/health";
    /** The controller's view of the application, as JSON: targets, decisions, replicas, placement. */
    public static final String STATUS_PATH = "/-/status";

    private final Settings settings;
    private TrellisApplication application; // guarded by this
    private WebServer webServer; // guarded by this
    private ApplicationMetrics metrics; // guarded by this

    private TrellisServer(Settings settings) {
        this.settings = settings;
    }

    /** Starts building a server. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the application's replicas, then the web server.
     *
     * @return this server, started
     * @throws dev.trellis.runtime.ApplicationStartException if a deployment could not be built
     * @throws IllegalStateException if the server was started before
     */
    public synchronized TrellisServer start() {
        if (application != null) {
            throw new IllegalStateException("Server of application '" + settings.graph.name()
                    + "' was already started");
        }
        TrellisApplication.Builder application = TrellisApplication.builder(settings.graph)
                .topology(settings.topology)
                .deploymentYaml(settings.deploymentYaml)
                .shutdownGracePeriod(settings.shutdownGracePeriod);
        settings.node.ifPresent(application::node);
        settings.replicaJavaOptions.ifPresent(application::replicaJavaOptions);
        application.tracing(settings.tracing);
        TrellisApplication started = application.start();
        try {
            metrics = new ApplicationMetrics(io.helidon.service.registry.Services.get(
                    io.helidon.metrics.api.MeterRegistry.class), started); // the registry /observe/metrics serves
            ApplicationMetrics meters = metrics;
            webServer = WebServer.builder()
                    .host(settings.host)
                    .port(settings.port)
                    .maxPayloadSize(settings.maxBodyBytes)
                    // Refusals before routing (413 for a declared body, 431, 400) answer JSON too.
                    .directHandlers(handlers -> {
                        JsonDirectHandler direct = new JsonDirectHandler(new JsonResponses(settings.objectMapper),
                                settings.maxHeaderBytes);
                        for (io.helidon.http.DirectHandler.EventType type : io.helidon.http.DirectHandler.EventType.values()) {
                            handlers.addHandler(type, direct);
                        }
                    })
                    .addProtocol(io.helidon.webserver.http1.Http1Config.builder()
                            .maxHeadersSize(settings.maxHeaderBytes).build())
                    .shutdownHook(false) // TrellisMain's hook stops the server and the application in order
                    // Requests in flight when it stops get the application's grace period (Helidon: 500 ms).
                    .shutdownGracePeriod(settings.shutdownGracePeriod)
                    .connectionOptions(socket -> socket.tcpNoDelay(true)) // off by default: ~40 ms per small call
                    .update(builder -> settings.tls.ifPresent(tls -> builder.tls(config -> config
                            .sslContext(tls.sslContext())
                            .clientAuth(tls.mutual() ? io.helidon.common.tls.TlsClientAuth.REQUIRED
                                    : io.helidon.common.tls.TlsClientAuth.NONE))))
                    .routing(routing -> addRoutes(routing, started, meters))
                    .update(builder -> addGrpcIngress(builder, started.ingress(), meters))
                    .update(builder -> addAdmin(builder, started))
                    .addFeature(observe(started))
                    .build()
                    .start();
        } catch (RuntimeException | Error e) {
            if (metrics != null) {
                metrics.close();
            }
            started.close();
            throw e;
        }
        this.application = started;
        return this;
    }

    /**
     * Helidon's observability endpoints on the application's listener: {@value #OBSERVE_HEALTH_PATH} (and
     * {@code /ready}, {@code /live}), answering JSON with each check's details, and {@value #OBSERVE_METRICS_PATH};
     * only the observers named here.
     */
    private static io.helidon.webserver.observe.ObserveFeature observe(TrellisApplication started) {
        return io.helidon.webserver.observe.ObserveFeature.builder()
                .observersDiscoverServices(false)
                .sockets(List.of(io.helidon.webserver.WebServer.DEFAULT_SOCKET_NAME))
                .addObserver(io.helidon.webserver.observe.health.HealthObserver.builder()
                        .useSystemServices(false)
                        .details(true)
                        .addCheck(ApplicationHealth.readiness(started::status))
                        .addCheck(ApplicationHealth.liveness(started::status))
                        .build())
                .addObserver(io.helidon.webserver.observe.metrics.MetricsObserver.create())
                .build();
    }

    /** The admin API on a listener of its own, loopback only: what operates the application is not public. */
    private void addAdmin(io.helidon.webserver.WebServerConfig.BuilderBase<?, ?> builder, TrellisApplication started) {
        if (settings.adminPort < 0) {
            return;
        }
        AdminApi admin = new AdminApi(started, new JsonResponses(settings.objectMapper), settings.adminToken,
                settings.shutdownGracePeriod, this::stop);
        builder.putSocket(ADMIN_SOCKET, socket -> socket.host("127.0.0.1").port(settings.adminPort)
                .routing(admin::addRoutes));
    }

    private void addRoutes(HttpRouting.Builder routing, TrellisApplication started, ApplicationMetrics meters) {
        DeploymentChannel ingress = started.ingress();
        ObjectMapper mapper = settings.objectMapper;
        JsonResponses json = new JsonResponses(mapper);
        StatusHandler status = new StatusHandler(started, json);
        routing.get(HEALTH_PATH, status::readiness);
        routing.get(STATUS_PATH, status);
        RecentErrors errors = new RecentErrors(RecentErrors.DEFAULT_CAPACITY, java.time.Clock.systemUTC());
        new DashboardHandler(started, errors, json).addRoutes(routing);

        // The builder's timeout, else the deployment YAML's, else the code's (the target holds those two).
        Duration requestTimeout = settings.requestTimeout != null ? settings.requestTimeout
                : started.target().requestTimeout();
        String prefix = started.target().routePrefix(); // "" unless the deployment YAML moves the routes
        Map<String, List<String>> verbsByPath = new LinkedHashMap<>();
        List<String> described = new ArrayList<>();
        for (IngressRoute route : settings.graph.routes()) {
            Optional<RequestBodyDecoder> body = route.bodyType()
                    .map(token -> RequestBodyDecoder.create(mapper, token.type()));
            String path = prefix + route.path();
            if (!prefix.isEmpty() && reservedForTheServer(path)) {
                // The deployment YAML's routePrefix may move a route there; Helidon's health would be hidden.
                throw new IllegalArgumentException("Application '" + settings.graph.name() + "' would serve "
                        + route.verb() + " " + path + ", which is reserved for the server's health checks, status, metrics"
                        + " and dashboard (/observe, " + HEALTH_PATH + ", " + STATUS_PATH + ", " + DashboardHandler.PATH
                        + "): choose another routePrefix");
            }
            routing.route(Method.create(route.verb().name()), path, new IngressHandler(route, ingress, body,
                    json.recordingErrors(errors.forRoute(route.verb() + " " + path)), requestTimeout,
                    (int) settings.maxBodyBytes));
            verbsByPath.computeIfAbsent(path, ignored -> new ArrayList<>()).add(route.verb().name());
            described.add(route.verb() + " " + path);
        }
        verbsByPath.forEach((path, verbs) -> routing.any(path, FallbackHandlers.methodNotAllowed(json, path, verbs)));
        routing.addFilter(new IngressMetricsFilter(verbsByPath, meters));
        // After the metrics filter, which counts what it refuses.
        settings.ingressToken.ifPresent(token -> routing.addFilter(new IngressAuth(settings.graph.name(), token)
                .httpFilter(IngressAuth.guardedPaths(), json)));
        described.add("GET " + HEALTH_PATH);
        described.add("GET " + STATUS_PATH);
        described.add("GET " + DashboardHandler.PATH);
        described.add("GET " + OBSERVE_METRICS_PATH);
        described.add("GET " + OBSERVE_HEALTH_PATH + "[/ready|/live]");
        // Last of all, after the routes that features add (Helidon's health): a feature of the lowest weight.
        routing.addFeature(new LastRoutes(last -> last.any(FallbackHandlers.notFound(json, described))));
    }

    /**
     * Serves the ingress deployment over gRPC on the same listener (HTTP/2, also h2c with prior
     * knowledge, as grpc-java's plaintext channels speak it), through the same router as HTTP requests
     * so that limits and back-pressure are shared. Messages may be as large as between replicas
     * ({@link RemoteReplica#MAX_MESSAGE_BYTES}): Helidon's 2 MiB default is small for model inputs, the
     * HTTP body limit does not apply to gRPC, and Helidon never answers a call whose message is over
     * the limit (its caller waits for its deadline), so the limit is set high. A wire without methods
     * (hand-written local-only graphs) serves nothing.
     */
    private void addGrpcIngress(WebServerConfig.Builder server, DeploymentChannel ingress, ApplicationMetrics meters) {
        DeploymentWire wire = settings.graph.node(settings.graph.ingress()).wire();
        if (wire.methods().isEmpty()) {
            return;
        }
        GrpcRouting.Builder routing = GrpcRouting.builder()
                .intercept(new dev.trellis.runtime.grpc.CallTimer((method, code, failure, took) ->
                        meters.requestFinished("GRPC", method, RequestOutcome.ofGrpc(code, failure).label(), took)));
        settings.ingressToken.ifPresent(token -> routing.intercept(new IngressAuth(settings.graph.name(), token)
                .grpcInterceptor()));
        server.addProtocol(ReplicaServer.grpcConfig())
                .addRouting(routing.service(DeploymentGrpcService.create(settings.graph.name(), wire, ingress)));
    }

    /** The port the server listens on; -1 before {@link #start()} and after {@link #stop()}. */
    public synchronized int port() {
        return webServer != null && webServer.isRunning() ? webServer.port() : -1;
    }

    /** The port of the admin API while it runs, on 127.0.0.1; -1 when stopped or built without one. */
    public synchronized int adminPort() {
        return webServer != null && webServer.isRunning() && settings.adminPort >= 0 ? webServer.port(ADMIN_SOCKET) : -1;
    }

    /** The token admin calls must present: the one configured, or the one made at build. */
    public String adminToken() {
        return settings.adminToken;
    }

    /** Whether {@link #adminToken()} was made here, so that whoever started the server must be told it once. */
    public boolean adminTokenGenerated() {
        return settings.adminTokenGenerated;
    }

    /** Where the application's replicas run. */
    public Topology topology() {
        return settings.topology;
    }

    /** The application this server serves. */
    public ApplicationGraph application() {
        return settings.graph;
    }

    /**
     * The routes of the application, as "VERB /path", in the graph's order; once started, under the
     * deployment YAML's {@code routePrefix}.
     */
    public List<String> routes() {
        String prefix = running().map(started -> started.target().routePrefix()).orElse("");
        return settings.graph.routes().stream().map(route -> route.verb() + " " + prefix + route.path()).toList();
    }

    /** The running application, for its status; empty before {@link #start()}. */
    public synchronized java.util.Optional<TrellisApplication> running() {
        return java.util.Optional.ofNullable(application);
    }

    /** Whether the server is answering requests. */
    public synchronized boolean isRunning() {
        return webServer != null && webServer.isRunning();
    }

    /**
     * Stops the web server, then the application, which lets running calls finish for its shutdown
     * grace period. Does nothing if the server is not running.
     */
    public synchronized void stop() {
        try {
            if (webServer != null) {
                webServer.stop();
            }
        } finally {
            try {
                if (metrics != null) {
                    metrics.close();
                }
                if (application != null) {
                    application.close();
                }
            } finally {
                stopped.complete(null);
            }
        }
    }

    /** Completes once the server and its application have stopped, by {@link #stop()} or the admin API. */
    public java.util.concurrent.CompletableFuture<Void> whenStopped() {
        return stopped.copy();
    }

    /** Same as {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "TrellisServer[" + settings.graph.name() + ", port=" + port() + "]";
    }

    /** Settings of a server, checked as they are set. */
    public static final class Builder {

        /** The default port, as Ray Serve's. */
        public static final int DEFAULT_PORT = 8000;
        public static final String DEFAULT_HOST = "0.0.0.0";
        public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
        /** The largest request headers an HTTP/1.1 request may have, all together: Helidon's default. */
        public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
        /** The largest body a route can buffer: a Java array's practical limit. */
        public static final long MAX_BODY_BYTES_LIMIT = Integer.MAX_VALUE - 8;

        private ApplicationGraph graph;
        private int port = DEFAULT_PORT;
        private String host = DEFAULT_HOST;
        private Duration requestTimeout; // null: the application's
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration shutdownGracePeriod = ApplicationTarget.DEFAULT_GRACEFUL_SHUTDOWN_TIMEOUT;
        private ObjectMapper objectMapper;
        private Topology topology = Topology.LOCAL;
        private Optional<Path> deploymentYaml = Optional.empty();
        private Optional<NodeResources> node = Optional.empty();
        private Optional<List<String>> replicaJavaOptions = Optional.empty();
        private dev.trellis.runtime.tracing.TracingSettings tracing = dev.trellis.runtime.tracing.TracingSettings.NONE;
        private Optional<String> ingressToken = Optional.empty();
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private Optional<Path> tlsKeystore = Optional.empty();
        private char[] tlsKeystorePassword = new char[0];
        private Optional<Path> tlsClientTruststore = Optional.empty();
        private char[] tlsClientTruststorePassword = new char[0];
        private int adminPort = -1; // off unless asked for
        private String adminToken;

        private Builder() {
        }

        /** The application to serve; required. */
        public Builder application(ApplicationGraph graph) {
            this.graph = Objects.requireNonNull(graph, "graph");
            return this;
        }

        /**
         * The application named {@code name} on the class path; see {@link Applications#find(String)}.
         *
         * @throws IllegalArgumentException if there is none
         */
        public Builder application(String name) {
            return application(Applications.find(name));
        }

        /**
         * Where the replicas run: in this JVM (the default) or each in its own process, behind the same
         * HTTP and gRPC ingress.
         */
        public Builder topology(Topology topology) {
            this.topology = Objects.requireNonNull(topology, "topology");
            return this;
        }

        /** A deployment YAML whose overrides apply over the generated manifest; none by default. */
        public Builder deploymentYaml(Optional<Path> file) {
            this.deploymentYaml = Objects.requireNonNull(file, "file");
            return this;
        }

        /** The node the replicas are placed on; by default this machine's resources. */
        public Builder node(NodeResources node) {
            this.node = Optional.of(node);
            return this;
        }

        /**
         * The bearer token every request to the application's routes, {@code /-/status} and the dashboard must
         * carry, and every call to its gRPC ingress; health and metrics stay open. Default none: open.
         *
         * @throws IllegalArgumentException if it is shorter than 16 characters or has spaces
         */
        public Builder ingressToken(String token) {
            String trimmed = token.strip();
            if (trimmed.length() < 16 || trimmed.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
                throw new IllegalArgumentException("the ingress token must have at least 16 printable characters"
                        + " and no spaces");
            }
            this.ingressToken = Optional.of(trimmed);
            return this;
        }

        /**
         * Serves the application's listener (HTTP and the gRPC ingress) over TLS with the key and certificate
         * chain of a PKCS#12 {@code keystore}; the admin API stays on loopback without TLS.
         */
        public Builder tls(Path keystore, char[] password) {
            this.tlsKeystore = Optional.of(keystore);
            this.tlsKeystorePassword = password.clone();
            return this;
        }

        /** With {@link #tls}: clients must present a certificate that chains to the PKCS#12 {@code truststore} (mutual TLS). */
        public Builder tlsClientTruststore(Path truststore, char[] password) {
            this.tlsClientTruststore = Optional.of(truststore);
            this.tlsClientTruststorePassword = password.clone();
            return this;
        }

        /**
         * The largest request headers of an HTTP/1.1 request, all together, in bytes; larger ones are answered
         * 400 with a JSON body that names the limit (Helidon tells them apart from no other malformed request). Default {@value #DEFAULT_MAX_HEADER_BYTES}.
         *
         * @throws IllegalArgumentException if it is below 1 KiB or above 1 MiB
         */
        public Builder maxHeaderBytes(int bytes) {
            if (bytes < 1024 || bytes > 1024 * 1024) {
                throw new IllegalArgumentException("maxHeaderBytes must be between 1024 and 1048576, was " + bytes);
            }
            this.maxHeaderBytes = bytes;
            return this;
        }

        /** Where the application's spans go (its replica processes' too); default none. */
        public Builder tracing(dev.trellis.runtime.tracing.TracingSettings tracing) {
            this.tracing = Objects.requireNonNull(tracing, "tracing");
            return this;
        }

        /**
         * The options of every replica JVM in the {@code processes} topology, replacing the defaults
         * ({@link dev.trellis.runtime.topology.process.ProcessBackend#DEFAULT_JAVA_OPTIONS}).
         */
        public Builder replicaJavaOptions(List<String> options) {
            this.replicaJavaOptions = Optional.of(List.copyOf(options));
            return this;
        }

        /**
         * Serves the admin API on {@code port} of the loopback address ({@code 0} picks a free one, see
         * {@link TrellisServer#adminPort()}); {@code -1}, the default, serves none.
         */
        public Builder adminPort(int port) {
            if (port < -1 || port > 65_535) {
                throw new IllegalArgumentException("adminPort must be -1 (none), 0 (any free one) or a port, was " + port);
            }
            this.adminPort = port;
            return this;
        }

        /** The token every admin call must present; without one a random token is made at start. */
        public Builder adminToken(String token) {
            if (token == null || token.strip().length() < 16) {
                throw new IllegalArgumentException("An admin token needs at least 16 characters");
            }
            this.adminToken = token.strip(); // as a presented token is read
            return this;
        }

        /** The port to listen on; 0 picks a free one, see {@link TrellisServer#port()}. Default 8000. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The address to listen on. Default {@value #DEFAULT_HOST}, all interfaces. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * How long a request may wait for the application before it is answered 408, instead of the
         * application's own {@code @Application(requestTimeoutMillis)} (default 60 s).
         */
        public Builder requestTimeout(Duration requestTimeout) {
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * The largest HTTP request body accepted; larger ones are answered 413. Default 10 MiB. gRPC
         * messages have their own limit, {@link RemoteReplica#MAX_MESSAGE_BYTES}.
         */
        public Builder maxBodyBytes(long maxBodyBytes) {
            if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_LIMIT) {
                throw new IllegalArgumentException("maxBodyBytes must be from 1 to " + MAX_BODY_BYTES_LIMIT
                        + ", was " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** How long stopping lets running calls finish. Default 10 s. */
        public Builder shutdownGracePeriod(Duration shutdownGracePeriod) {
            this.shutdownGracePeriod = ApplicationTarget.checkGracefulShutdownTimeout(shutdownGracePeriod);
            return this;
        }

        /**
         * The Jackson mapper for bodies and results, e.g. one with extra modules. Default: a mapper with
         * the Jackson modules found on the class path (such as {@code jackson-datatype-jsr310}).
         */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
            return this;
        }

        /**
         * A server for the application; {@link TrellisServer#start()} starts it.
         *
         * @throws IllegalStateException if no application was set
         * @throws IllegalArgumentException if two routes share a method and path, or a route uses the
         *     health check's path
         */
        public TrellisServer build() {
            if (graph == null) {
                throw new IllegalStateException("No application: call application(...) before build()");
            }
            checkRoutes(graph);
            if (requestTimeout == null && !graph.requestTimeout().isPositive()) {
                throw new IllegalArgumentException("Application '" + graph.name() + "' has a request timeout of "
                        + graph.requestTimeout() + "; it must be positive");
            }
            if (tlsClientTruststore.isPresent() && tlsKeystore.isEmpty()) {
                throw new IllegalArgumentException("A client truststore (mutual TLS) needs TLS: set the server's keystore");
            }
            Optional<IngressTls> tls = tlsKeystore.map(keystore -> new IngressTls(keystore, tlsKeystorePassword,
                    tlsClientTruststore, tlsClientTruststorePassword));
            tls.ifPresent(IngressTls::sslContext); // an unreadable store or a wrong password fails here, named
            ObjectMapper mapper = objectMapper != null ? objectMapper : JsonMapper.builder().findAndAddModules().build();
            return new TrellisServer(new Settings(graph, port, host,
                    requestTimeout, maxBodyBytes, shutdownGracePeriod,
                    mapper, topology, deploymentYaml, node, replicaJavaOptions, adminPort,
                    adminToken != null ? adminToken : newToken(), adminToken == null, tracing, ingressToken, tls, maxHeaderBytes));
        }

        /** 32 random bytes, URL-safe base64: a token nobody guesses. */
        private static String newToken() {
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        private static void checkRoutes(ApplicationGraph graph) {
            Set<String> seen = new HashSet<>();
            for (IngressRoute route : graph.routes()) {
                if (reservedForTheServer(route.path())) {
                    throw new IllegalArgumentException("Application '" + graph.name() + "' declares a route at "
                            + route.path() + ", which is reserved for the server's health checks, status, metrics and dashboard");
                }
                if (!seen.add(route.verb() + " " + route.path())) {
                    throw new IllegalArgumentException("Application '" + graph.name() + "' declares "
                            + route.verb() + " " + route.path() + " twice");
                }
            }
        }
    }

    /** The settings a server was built with; immutable, unlike the builder. */
    private record Settings(
            ApplicationGraph graph,
            int port,
            String host,
            Duration requestTimeout,
            long maxBodyBytes,
            Duration shutdownGracePeriod,
            ObjectMapper objectMapper,
            Topology topology,
            Optional<Path> deploymentYaml,
            Optional<NodeResources> node,
            Optional<List<String>> replicaJavaOptions,
            int adminPort,
            String adminToken,
            boolean adminTokenGenerated,
            dev.trellis.runtime.tracing.TracingSettings tracing,
            Optional<String> ingressToken,
            Optional<IngressTls> tls,
            int maxHeaderBytes) {
    }

    /** Whether the server's own endpoints live at {@code path}, which no application route may take. */
    private static boolean reservedForTheServer(String path) {
        return path.equals(HEALTH_PATH) || path.equals(STATUS_PATH) || path.equals("/observe")
                || path.startsWith("/observe/") || path.equals(DashboardHandler.PATH)
                || path.startsWith(DashboardHandler.PATH + "/");
    }

    /** Routes set up after every other feature's: Helidon sets up features by weight, the heaviest first. */
    private record LastRoutes(java.util.function.Consumer<HttpRouting.Builder> routes)
            implements io.helidon.webserver.http.HttpFeature, io.helidon.common.Weighted {

        @Override
        public void setup(HttpRouting.Builder routing) {
            routes.accept(routing);
        }

        @Override
        public double weight() {
            return 0.1;
        }
    }
}
