package dev.trellis.runtime.config;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.BatchSpec;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.AutoscalingSpec;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.HealthSpec;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an application should look like while it runs, built once, at the edge, from the generated graph
 * and manifest and the deployment YAML's overrides: per deployment a fixed replica count or autoscaling
 * bounds, limits, resources, health, shutdown, configuration and version. Immutable; the controller
 * receives one and reconciles towards it.
 *
 * <p>Building it checks the overrides against the application and collects every problem (with those of
 * the file's shape) into one {@link ApplicationStartException}, so that a user fixes them all at once.
 */
public final class ApplicationTarget {

    /** The most problems of a deployment YAML one message lists. */
    static final int MAX_PROBLEMS = 50;

    /** How long a stopping replica lets its calls finish unless told otherwise. */
    public static final Duration DEFAULT_GRACEFUL_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private static final System.Logger LOGGER = System.getLogger(ApplicationTarget.class.getName());

    /**
     * {@code timeout} as a graceful shutdown timeout, which builders check when it is set.
     *
     * @throws IllegalArgumentException if it is negative
     */
    public static Duration checkGracefulShutdownTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the graceful shutdown timeout must not be negative, was " + timeout);
        }
        return timeout;
    }

    private final ApplicationGraph graph;
    private final String routePrefix;
    private final Duration requestTimeout;
    private final List<DeploymentTarget> deployments;
    private final Map<String, DeploymentTarget> byName;
    private final Map<String, NodeProfile> nodeProfiles;

    private ApplicationTarget(ApplicationGraph graph, String routePrefix, Duration requestTimeout,
            Map<String, NodeProfile> nodeProfiles, List<DeploymentTarget> deployments) {
        this.graph = graph;
        this.routePrefix = routePrefix;
        this.requestTimeout = requestTimeout;
        this.nodeProfiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodeProfiles));
        this.deployments = List.copyOf(deployments);
        Map<String, DeploymentTarget> named = new LinkedHashMap<>();
        deployments.forEach(deployment -> named.put(deployment.name(), deployment));
        this.byName = named;
    }

    /** The target the code and its generated manifest describe, without a deployment YAML. */
    public static ApplicationTarget of(ApplicationGraph graph) {
        return builder(graph).build();
    }

    /** Starts building the target of {@code graph}. */
    public static Builder builder(ApplicationGraph graph) {
        return new Builder(graph);
    }

    /** The application's name. */
    public String name() {
        return graph.name();
    }

    /** The generated graph: the code the target runs. */
    public ApplicationGraph graph() {
        return graph;
    }

    /** The name of the ingress deployment. */
    public String ingress() {
        return graph.ingress();
    }

    /**
     * What the application's HTTP routes are served under: "" (at their own paths) unless the deployment
     * YAML's {@code routePrefix} says otherwise ("/ocr" serves {@code /tag} at {@code /ocr/tag}).
     */
    public String routePrefix() {
        return routePrefix;
    }

    /**
     * The deadline of a request at the ingress and of every call made for it: the deployment YAML's
     * {@code requestTimeoutMillis}, else the code's.
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The kinds of node the deployments may name ({@link DeploymentTarget#nodeProfile}), by name. */
    public Map<String, NodeProfile> nodeProfiles() {
        return nodeProfiles;
    }

    /** Every deployment, dependencies before the deployments that call them: the order of start. */
    public List<DeploymentTarget> deployments() {
        return deployments;
    }

    /**
     * The deployment named {@code name}.
     *
     * @throws IllegalArgumentException if there is none, naming those there are
     */
    public DeploymentTarget deployment(String name) {
        DeploymentTarget deployment = byName.get(name);
        if (deployment == null) {
            throw new IllegalArgumentException("Application '" + name() + "' has no deployment '" + name
                    + "'; it has " + byName.keySet());
        }
        return deployment;
    }

    /**
     * This target as a deployment YAML with every overridable field written out: what another process
     * reads to hold the same target (a replica process), and what a user may start editing from.
     */
    public String toDeploymentYaml() {
        return toDeploymentYaml(List.of());
    }

    /**
     * Like {@link #toDeploymentYaml()}, after {@code header} lines (written as comments), every field under
     * a comment that says what it does: the file {@code trellis:build} writes.
     */
    public String toDeploymentYaml(List<String> header) {
        return DeploymentYamlWriter.write(List.of(fields()), header);
    }

    /** The fields of this application's entry in a deployment YAML, every one given. */
    private Map<String, Object> fields() {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (DeploymentTarget deployment : deployments) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", deployment.name());
            entry.putAll(fields(deployment, true));
            deployment.canary().ifPresent(canary -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("trafficPercent", canary.trafficPercent());
                fields.putAll(fields(canary.target(), false));
                entry.put("canary", fields);
            });
            entries.add(entry);
        }
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("name", name());
        application.put("routePrefix", routePrefix.isEmpty() ? "/" : routePrefix);
        application.put("requestTimeoutMillis", requestTimeout.toMillis());
        if (!nodeProfiles.isEmpty()) {
            Map<String, Object> profiles = new LinkedHashMap<>();
            nodeProfiles.forEach((name, profile) -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                if (!profile.nodeSelector().isEmpty()) {
                    fields.put("nodeSelector", profile.nodeSelector());
                }
                if (!profile.tolerations().isEmpty()) {
                    fields.put("tolerations", profile.tolerations());
                }
                if (!profile.affinity().isEmpty()) {
                    fields.put("affinity", profile.affinity());
                }
                profiles.put(name, fields);
            });
            application.put("nodeProfiles", profiles);
        }
        application.put("deployments", entries);
        return application;
    }

    /**
     * The fields of one deployment's entry, every one given; a canary's leave out the limits and health,
     * which are the deployment's.
     */
    private static Map<String, Object> fields(DeploymentTarget deployment, boolean own) {
        Map<String, Object> entry = new LinkedHashMap<>();
        switch (deployment.scaling()) {
            case Scaling.Fixed fixed -> entry.put("numReplicas", fixed.replicas());
            case Scaling.Autoscaled autoscaled -> entry.put("autoscaling", DeploymentYaml.fields(autoscaled.policy()));
        }
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("cpus", deployment.resources().cpus());
        resources.put("gpus", deployment.resources().gpus());
        resources.put("memoryMb", deployment.resources().memoryMb());
        entry.put("resources", resources);
        if (own) {
            entry.put("maxOngoingRequests", deployment.maxOngoingRequests());
            entry.put("maxQueuedRequests", deployment.maxQueuedRequests());
        }
        if (!deployment.batches().isEmpty()) {
            Map<String, Object> batches = new LinkedHashMap<>();
            deployment.batches().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(batch -> {
                        Map<String, Object> fields = new LinkedHashMap<>();
                        fields.put("maxSize", batch.getValue().maxSize());
                        fields.put("maxWaitMillis", batch.getValue().maxWaitMillis());
                        batches.put(batch.getKey(), fields);
                    });
            entry.put("batch", batches);
        }
        if (own) {
            entry.put("health", Map.of("periodMillis", deployment.health().period().toMillis(),
                    "timeoutMillis", deployment.health().timeout().toMillis(),
                    "failureThreshold", deployment.health().failureThreshold()));
        }
        entry.put("gracefulShutdownTimeoutMillis", deployment.gracefulShutdownTimeout().toMillis());
        if (!deployment.config().isEmpty()) {
            entry.put("config", new java.util.TreeMap<>(deployment.config()));
        }
        if (!deployment.version().isEmpty()) {
            entry.put("version", deployment.version());
        }
        deployment.javaOptions().ifPresent(options -> entry.put("javaOptions", options));
        deployment.classPath().ifPresent(classPath -> entry.put("classPath", classPath));
        deployment.nodeProfile().ifPresent(profile -> entry.put("nodeProfile", profile));
        return entry;
    }

    @Override
    public String toString() {
        return "ApplicationTarget[" + name() + ", deployments=" + byName.keySet() + "]";
    }

    /** How to build a target: the graph, and optionally a deployment YAML and shutdown timeout. */
    public static final class Builder {

        private final ApplicationGraph graph;
        private DeploymentYaml yaml;
        private Duration gracefulShutdownTimeout = DEFAULT_GRACEFUL_SHUTDOWN_TIMEOUT;

        private Builder(ApplicationGraph graph) {
            this.graph = Objects.requireNonNull(graph, "graph");
        }

        /** Overrides from a deployment YAML; its entries for other applications are ignored. */
        public Builder deploymentYaml(DeploymentYaml yaml) {
            this.yaml = Objects.requireNonNull(yaml, "yaml");
            return this;
        }

        /** Like {@link #deploymentYaml(DeploymentYaml)}, when there may be none. */
        public Builder deploymentYaml(Optional<DeploymentYaml> yaml) {
            this.yaml = yaml.orElse(null);
            return this;
        }

        /** How long every deployment's stopping replicas let their calls finish. Default 10 s. */
        public Builder gracefulShutdownTimeout(Duration timeout) {
            this.gracefulShutdownTimeout = checkGracefulShutdownTimeout(timeout);
            return this;
        }

        /**
         * The target.
         *
         * @throws ApplicationStartException listing every problem of the deployment YAML, or the
         *     application listing a deployment twice
         */
        public ApplicationTarget build() {
            List<ConfigProblem> problems = new ArrayList<>(yaml == null ? List.of() : yaml.problems());
            Optional<DeploymentYaml.ApplicationOverrides> application = yaml == null ? Optional.empty()
                    : yaml.application(graph.name());
            Map<String, DeploymentYaml.DeploymentOverrides> overrides = overrides(application, problems);
            Map<String, Map<String, Object>> configs = GeneratedManifest.configs(graph);
            List<DeploymentTarget> deployments = new ArrayList<>();
            java.util.Set<String> names = new java.util.HashSet<>();
            for (DeploymentNode<?> node : graph.nodes()) {
                if (!names.add(node.name())) {
                    throw new ApplicationStartException(graph.name(), node.name(), "Application '" + graph.name()
                            + "' lists deployment '" + node.name() + "' twice", null);
                }
                DeploymentTarget deployment = deployment(node, configs.getOrDefault(node.name(), Map.of()),
                        Optional.ofNullable(overrides.get(node.name())), problems);
                if (deployment != null) {
                    deployments.add(deployment);
                }
            }
            if (!problems.isEmpty()) {
                throw invalid(problems);
            }
            Duration requestTimeout = application.flatMap(DeploymentYaml.ApplicationOverrides::requestTimeout)
                    .orElse(graph.requestTimeout());
            String routePrefix = application.flatMap(DeploymentYaml.ApplicationOverrides::routePrefix)
                    .map(prefix -> prefix.equals("/") ? "" : prefix).orElse("");
            return new ApplicationTarget(graph, routePrefix, requestTimeout, application
                    .map(DeploymentYaml.ApplicationOverrides::nodeProfiles).orElse(Map.of()), deployments);
        }

        private Map<String, DeploymentYaml.DeploymentOverrides> overrides(
                Optional<DeploymentYaml.ApplicationOverrides> application, List<ConfigProblem> problems) {
            Map<String, DeploymentYaml.DeploymentOverrides> byName = new HashMap<>();
            if (yaml == null) {
                return byName;
            }
            if (application.isEmpty()) {
                if (yaml.problems().isEmpty()) {
                    LOGGER.log(Level.WARNING, "The deployment YAML {0} has no entry for application ''{1}'': nothing"
                            + " is overridden", yaml.source(), graph.name());
                }
                return byName;
            }
            for (DeploymentYaml.DeploymentOverrides deployment : application.get().deployments()) {
                if (!graph.hasNode(deployment.name())) {
                    problems.add(new ConfigProblem(deployment.at("name"), "names deployment '"
                            + YamlTree.shown(deployment.name()) + "', which application '" + graph.name() + "' does not have; it has "
                            + graph.nodes().stream().map(DeploymentNode::name).toList()));
                } else {
                    byName.put(deployment.name(), deployment);
                }
                Map<String, NodeProfile> profiles = application.get().nodeProfiles();
                checkNodeProfile(deployment, deployment.name(), profiles, problems);
                deployment.canary().ifPresent(canary -> checkNodeProfile(canary.fields(), deployment.name() + "'s canary",
                        profiles, problems));
            }
            return byName;
        }

        private static void checkNodeProfile(DeploymentYaml.DeploymentOverrides deployment, String what,
                Map<String, NodeProfile> profiles, List<ConfigProblem> problems) {
            deployment.nodeProfile().filter(profile -> !profiles.containsKey(profile)).ifPresent(profile ->
                    problems.add(new ConfigProblem(deployment.at("nodeProfile"), "names nodeProfile '"
                            + YamlTree.shown(profile) + "' for " + what + ", which the application's nodeProfiles do not"
                            + " declare; " + (profiles.isEmpty() ? "it declares none" : "it declares "
                                    + List.copyOf(profiles.keySet())))));
        }

        private DeploymentTarget deployment(DeploymentNode<?> node, Map<String, Object> defaults,
                Optional<DeploymentYaml.DeploymentOverrides> overrides, List<ConfigProblem> problems) {
            DeploymentSpec spec = node.spec();
            Scaling scaling = spec.autoscaling().<Scaling>map(Scaling.Autoscaled::new)
                    .orElseGet(() -> new Scaling.Fixed(spec.numReplicas()));
            Map<String, BatchSpec> codeBatches = new LinkedHashMap<>();
            node.wire().methods().stream().filter(DeploymentMethod::batched)
                    .forEach(method -> codeBatches.put(method.name(), method.batch()));
            DeploymentTarget code = new DeploymentTarget(node, scaling, spec.maxOngoingRequests(),
                    spec.maxQueuedRequests(), spec.resources(), spec.health(), gracefulShutdownTimeout, defaults, "",
                    Optional.empty(), codeBatches, Optional.empty(), Optional.empty(), Optional.empty());
            if (overrides.isEmpty()) {
                return code;
            }
            DeploymentYaml.DeploymentOverrides yamlDeployment = overrides.get();
            DeploymentTarget own = overridden(code, spec.autoscaling().orElse(AutoscalingSpec.between(1, 1)),
                    yamlDeployment, problems);
            if (yamlDeployment.canary().isEmpty()) {
                return own;
            }
            DeploymentYaml.CanaryOverrides canary = yamlDeployment.canary().get();
            AutoscalingSpec canaryBase = own.scaling() instanceof Scaling.Autoscaled autoscaled ? autoscaled.policy()
                    : AutoscalingSpec.between(1, 1);
            DeploymentTarget canaryTarget = overridden(own, canaryBase, canary.fields(), problems);
            return new DeploymentTarget(node, own.scaling(), own.maxOngoingRequests(), own.maxQueuedRequests(),
                    own.resources(), own.health(), own.gracefulShutdownTimeout(), own.config(), own.version(),
                    own.javaOptions(), own.batches(), own.classPath(), own.nodeProfile(),
                    Optional.of(new DeploymentTarget.Canary(canaryTarget, canary.trafficPercent())));
        }

        /**
         * {@code base} with the fields the deployment YAML sets over it: the code's target under a deployment's
         * entry, the deployment's own target under its canary's.
         *
         * @param autoscalingBase what autoscaling fields the YAML leaves out keep
         */
        private static DeploymentTarget overridden(DeploymentTarget base, AutoscalingSpec autoscalingBase,
                DeploymentYaml.DeploymentOverrides yamlDeployment, List<ConfigProblem> problems) {
            DeploymentNode<?> node = base.node();
            Scaling scaling = base.scaling();
            if (yamlDeployment.numReplicas().isPresent()) {
                scaling = new Scaling.Fixed(yamlDeployment.numReplicas().getAsInt()); // replaces autoscaling too
            }
            if (yamlDeployment.autoscaling().isPresent()) {
                scaling = autoscaling(node.name(), autoscalingBase, yamlDeployment.autoscaling().get(),
                        yamlDeployment.at("autoscaling"), problems)
                        .<Scaling>map(Scaling.Autoscaled::new).orElse(scaling);
            }
            int maxOngoing = yamlDeployment.maxOngoingRequests().orElse(base.maxOngoingRequests());
            int maxQueued = yamlDeployment.maxQueuedRequests().orElse(base.maxQueuedRequests());
            Map<String, Object> config = new HashMap<>(base.config());
            config.putAll(yamlDeployment.config()); // the deployment YAML wins, entry by entry
            ResourceSpec resources = base.resources();
            if (yamlDeployment.resources().isPresent()) {
                DeploymentYaml.ResourceOverrides set = yamlDeployment.resources().get();
                resources = new ResourceSpec(set.cpus().orElse(resources.cpus()), set.gpus().orElse(resources.gpus()),
                        set.memoryMb().orElse(resources.memoryMb()));
            }
            HealthSpec health = base.health();
            if (yamlDeployment.health().isPresent()) {
                DeploymentYaml.HealthOverrides set = yamlDeployment.health().get();
                health = new HealthSpec(set.period().orElse(health.period()), set.timeout().orElse(health.timeout()),
                        set.failureThreshold().orElse(health.failureThreshold()));
            }
            Map<String, BatchSpec> batches = batches(node, base.batches(), yamlDeployment.batches(), problems);
            checkBatchesCanFill(node, maxOngoing, batches, yamlDeployment.at("maxOngoingRequests"), problems);
            return new DeploymentTarget(node, scaling, maxOngoing, maxQueued, resources, health,
                    yamlDeployment.gracefulShutdownTimeout().orElse(base.gracefulShutdownTimeout()), config,
                    yamlDeployment.version().orElse(base.version()),
                    yamlDeployment.javaOptions().or(base::javaOptions), batches,
                    yamlDeployment.classPath().or(base::classPath), yamlDeployment.nodeProfile().or(base::nodeProfile),
                    Optional.empty());
        }

        /** Each {@code @Batch} method's batching: {@code base}'s, with the deployment YAML's fields over it. */
        private static Map<String, BatchSpec> batches(DeploymentNode<?> node, Map<String, BatchSpec> base,
                Map<String, DeploymentYaml.BatchOverrides> overrides, List<ConfigProblem> problems) {
            Map<String, BatchSpec> batches = new LinkedHashMap<>();
            List<String> batched = node.wire().methods().stream().filter(DeploymentMethod::batched)
                    .map(DeploymentMethod::name).toList();
            overrides.forEach((method, set) -> {
                if (!batched.contains(method)) {
                    problems.add(new ConfigProblem(set.position(), "sets the batching of '" + method + "' of deployment '"
                            + node.name() + "', which " + (batched.isEmpty() ? "has no @Batch method"
                                    : "batches only " + batched)));
                }
            });
            for (DeploymentMethod<?> method : node.wire().methods()) {
                if (!method.batched()) {
                    continue;
                }
                BatchSpec code = base.getOrDefault(method.name(), method.batch());
                DeploymentYaml.BatchOverrides set = overrides.get(method.name());
                batches.put(method.name(), set == null ? code : new BatchSpec(set.maxSize().orElse(code.maxSize()),
                        set.maxWaitMillis().orElse(code.maxWaitMillis()), code.maxConcurrentBatches()));
            }
            return batches;
        }

        /** The code's autoscaling (or the defaults) with the YAML's fields over it; empty if invalid. */
        private static Optional<AutoscalingSpec> autoscaling(String deployment, AutoscalingSpec base,
                DeploymentYaml.AutoscalingOverrides yaml, SourcePosition where, List<ConfigProblem> problems) {
            int min = yaml.min().orElse(base.minReplicas());
            int max = yaml.max().orElse(base.maxReplicas());
            // An initial count the YAML does not set follows a min it does: start at the new bounds.
            int initial = yaml.initial().orElse(yaml.min().isPresent() || yaml.max().isPresent()
                    ? Math.min(Math.max(base.initialReplicas(), min), Math.max(min, max)) : base.initialReplicas());
            Duration downscale = yaml.downscaleDelayMillis().isPresent()
                    ? Duration.ofMillis(yaml.downscaleDelayMillis().getAsLong()) : base.downscaleDelay();
            Duration toZero = yaml.downscaleToZeroDelayMillis().isPresent()
                    ? Duration.ofMillis(yaml.downscaleToZeroDelayMillis().getAsLong())
                    : base.downscaleToZeroDelay().equals(base.downscaleDelay()) ? downscale : base.downscaleToZeroDelay();
            Duration upscale = yaml.upscaleDelayMillis().isPresent()
                    ? Duration.ofMillis(yaml.upscaleDelayMillis().getAsLong()) : base.upscaleDelay();
            Duration lookBack = yaml.lookBackMillis().isPresent()
                    ? Duration.ofMillis(yaml.lookBackMillis().getAsLong()) : base.lookBack();
            Duration interval = yaml.metricsIntervalMillis().isPresent()
                    ? Duration.ofMillis(yaml.metricsIntervalMillis().getAsLong()) : base.metricsInterval();
            double target = yaml.targetOngoingRequests().orElse(base.targetOngoingRequests());
            double up = yaml.upscalingFactor().orElse(base.upscalingFactor());
            double down = yaml.downscalingFactor().orElse(base.downscalingFactor());
            List<String> wrong = AutoscalingSpec.problems(min, max, initial, target, upscale, downscale, toZero, up,
                    down, lookBack, interval);
            if (!wrong.isEmpty()) {
                wrong.forEach(problem -> problems.add(new ConfigProblem(where, "sets the autoscaling of deployment '"
                        + deployment + "' so that " + problem)));
                return Optional.empty();
            }
            return Optional.of(new AutoscalingSpec(min, max, initial, target, upscale, downscale, toZero, up, down,
                    lookBack, interval));
        }

        /** As the processor checks at build time: each waiting call of a batch holds one of the replica's slots. */
        private static void checkBatchesCanFill(DeploymentNode<?> node, int maxOngoing, Map<String, BatchSpec> batches,
                SourcePosition where, List<ConfigProblem> problems) {
            for (DeploymentMethod<?> method : node.wire().methods()) {
                BatchSpec batch = batches.get(method.name());
                if (batch != null && batch.maxSize() > maxOngoing) {
                    problems.add(new ConfigProblem(where, "sets maxOngoingRequests of deployment '" + node.name()
                            + "' to " + maxOngoing + ", below the batch maxSize " + batch.maxSize() + " of " + method
                            + ": no batch could fill"));
                }
            }
        }

        /**
         * One problem: "The deployment YAML f.yaml:4:9 sets ..."; more: one per line, each "f.yaml:4:9 sets ...",
         * in the file's order, the first {@value #MAX_PROBLEMS} only: enough to fix, and never a message that
         * grows with a hostile file.
         */
        private ApplicationStartException invalid(List<ConfigProblem> problems) {
            String source = yaml == null ? "(none)" : yaml.source();
            List<ConfigProblem> ordered = problems.stream().sorted(java.util.Comparator
                    .comparing((ConfigProblem problem) -> problem.position().line())
                    .thenComparing(problem -> problem.position().column())).toList();
            List<String> lines = new ArrayList<>(ordered.stream().limit(MAX_PROBLEMS)
                    .map(problem -> source + ":" + problem).toList());
            if (ordered.size() > MAX_PROBLEMS) {
                lines.add("and " + (ordered.size() - MAX_PROBLEMS) + " more problems after these; fix these first");
            }
            String message = ordered.size() == 1
                    ? "The deployment YAML " + source + ":" + ordered.get(0)
                    : "The deployment YAML " + source + " has " + ordered.size() + " problems:\n  - "
                            + String.join("\n  - ", lines);
            return new ApplicationStartException(graph.name(), null, message, null);
        }
    }
}
