package dev.trellis.processor;

/**
 * Every message the processor can report, in one place. Each starts with a stable, searchable id
 * ({@code [Trellis/Cycle]}), says what is wrong and what was found, and ends with how to fix it.
 */
public final class ErrorMessages {

    private ErrorMessages() {}

    static final String PLEASE_REPORT =
            " This is a bug in Trellis; please report it with the class that triggered it.";

    public static String internalError(String element, Throwable failure) {
        return "[Trellis/Internal] Trellis failed while processing " + element + ": " + failure
                + "." + PLEASE_REPORT;
    }

    public static String deploymentNotAClass(String kind) {
        return "[Trellis/DeploymentShape] @Deployment is on a " + kind
                + "; it must be on a public, concrete class. Move it to a class.";
    }

    public static String deploymentNotTopLevel(String type) {
        return "[Trellis/DeploymentShape] Deployment " + type
                + " is nested in another type; deployments must be top-level classes. Move it to a file of"
                + " its own.";
    }

    public static String deploymentNotPublic(String type) {
        return "[Trellis/DeploymentShape] Deployment " + type
                + " is not public; the generated handle and graph must reach it. Make it public.";
    }

    public static String deploymentAbstract(String type) {
        return "[Trellis/DeploymentShape] Deployment " + type
                + " is abstract; each replica is a new instance of it. Make it concrete.";
    }

    public static String deploymentGeneric(String type) {
        return "[Trellis/DeploymentShape] Deployment " + type
                + " has type parameters; its handle could not name its types. Remove the type parameters"
                + " (use a concrete subclass per type).";
    }

    public static String constructorCount(String type, int publicConstructors) {
        return "[Trellis/DeploymentConstructor] Deployment " + type + " has " + publicConstructors
                + " public constructors; Trellis needs exactly one, through which it passes the handles the"
                + " deployment calls. Keep exactly one public constructor.";
    }

    public static String unknownDeployment(String parameter, String deployment, String type,
            String missing) {
        return "[Trellis/UnknownDeployment] Parameter '" + parameter + "' of " + deployment
                + " has type " + type + ", but " + missing + " is not a @Deployment class. Annotate "
                + missing + " with @Deployment, or take the handle of an existing deployment.";
    }

    public static String genericMethod(String deployment, String method) {
        return "[Trellis/GenericMethod] Method '" + method + "' of " + deployment
                + " has type parameters; a handle method needs concrete types. Use concrete types.";
    }

    public static String invalidSetting(String setting, String found, String rule) {
        return "[Trellis/InvalidSetting] " + setting + " = " + found + " is invalid: " + rule + ".";
    }

    public static String routeOutsideIngress(String annotation, String deployment) {
        return "[Trellis/Route] @" + annotation + " is on a method of " + deployment
                + ", which is not an @Ingress deployment; only the ingress serves HTTP. Add @Ingress"
                + " to the class, or remove @" + annotation + ".";
    }

    public static String routeNotPublic(String annotation, String method) {
        return "[Trellis/Route] @" + annotation + " method '" + method
                + "' is not a public instance method; routes call the deployment's public methods. Make"
                + " it public and non-static.";
    }

    public static String routeBothVerbs(String method) {
        return "[Trellis/Route] Method '" + method
                + "' has both @Get and @Post; a method serves one route. Keep one.";
    }

    public static String getWithParameters(String method, int count) {
        return "[Trellis/Route] @Get method '" + method + "' takes " + count
                + " parameters; a GET route has no body to read them from. Remove the parameters, or"
                + " use @Post with one parameter read from the JSON body.";
    }

    public static String postWithParameters(String method, int count) {
        return "[Trellis/Route] @Post method '" + method + "' takes " + count
                + " parameters; the JSON body maps to exactly one. Wrap them in a record.";
    }

    public static String invalidPath(String annotation, String path) {
        return "[Trellis/Route] " + annotation + " path \"" + path
                + "\" is invalid; a path starts with '/' and holds no spaces, '?', '#' or '//'. Write it as"
                + " \"/name\".";
    }

    public static String duplicateRoute(String verb, String path, String other) {
        return "[Trellis/DuplicateRoute] " + verb + " " + path + " is already served by '" + other
                + "'; one route per path and method. Change one of the paths.";
    }

    public static String ingressNotDeployment(String application, String ingress) {
        return "[Trellis/Ingress] Application '" + application + "' names ingress " + ingress
                + ", which is not annotated @Deployment. Annotate it with @Deployment and @Ingress.";
    }

    public static String ingressWithoutAnnotation(String application, String ingress) {
        return "[Trellis/Ingress] Application '" + application + "' names ingress " + ingress
                + ", which is not annotated @Ingress, so it serves no route. Add @Ingress(path = \"/...\")"
                + " to it.";
    }

    public static String ingressWithoutDeployment(String type) {
        return "[Trellis/Ingress] " + type + " is annotated @Ingress but not @Deployment; only a deployment"
                + " can receive traffic. Add @Deployment to it.";
    }

    public static String applicationName(String name) {
        return "[Trellis/ApplicationName] Application name \"" + name
                + "\" is invalid; it names files and URLs, so it must match [a-z][a-z0-9-]*. Use, for"
                + " example, \"" + suggestedName(name) + "\".";
    }

    public static String duplicateApplication(String name, String other) {
        return "[Trellis/DuplicateName] Application name '" + name + "' is already used by " + other
                + "; application names must be unique. Rename one.";
    }

    /** On each of two deployments of one name: {@code other} is the one it conflicts with. */
    public static String duplicateDeployment(String name, String application, String other) {
        return "[Trellis/DuplicateName] Application '" + application + "' has another deployment named '"
                + name + "': " + other + ". Set a distinct @Deployment(name = ...) on one.";
    }

    public static String cycle(String path) {
        return "[Trellis/Cycle] Deployments call each other in a cycle: " + path
                + ". A pipeline is a directed acyclic graph; remove one of these handle parameters.";
    }

    public static String notAHandleNorConfig(String parameter, String deployment, String type) {
        return "[Trellis/ConstructorParameter] Parameter '" + parameter + "' of " + deployment + " has type "
                + type + ", which is neither a deployment handle nor configuration. A constructor takes the"
                + " handles (<Deployment>Handle) of the deployments it calls and its configuration: one record,"
                + " or primitives, strings and enums. Build other values inside the constructor.";
    }

    public static String mixedConfig(String deployment) {
        return "[Trellis/Config] " + deployment + " takes a configuration record together with other"
                + " configuration parameters; the configuration is one record, or separate values, not both."
                + " Move the values into the record.";
    }

    public static String configComponent(String path, String type) {
        return "[Trellis/Config] Configuration entry " + path + " has type " + type + ", which a YAML value"
                + " cannot hold. Use a primitive, its box, String, an enum, a record of those, or a List, Set or"
                + " Map with String keys of those.";
    }

    public static String invalidDefault(String entry, String value, String type) {
        return "[Trellis/Config] @Default(\"" + value + "\") of " + entry + " is not a valid " + type
                + ". Write the default as the YAML would, for example \"0.5\", \"true\" or an enum constant.";
    }

    public static String defaultOnStructuredEntry(String entry, String type) {
        return "[Trellis/Config] @Default is on " + entry + " of type " + type + "; defaults are for"
                + " primitives, strings and enums. Set structured values in the deployment YAML.";
    }

    public static String reconfigureSignature(String deployment, String method, String expected) {
        return "[Trellis/Reconfigure] @Reconfigure method '" + method + "' of " + deployment
                + " must be public and take exactly one parameter, the configuration record " + expected
                + ", which the constructor takes too. Change its parameters.";
    }

    public static String reconfigureWithoutConfig(String deployment, String method) {
        return "[Trellis/Reconfigure] @Reconfigure method '" + method + "' of " + deployment
                + " has nothing to receive: the constructor takes no configuration record. Add one, or remove"
                + " @Reconfigure.";
    }

    public static String twoReconfigureMethods(String deployment) {
        return "[Trellis/Reconfigure] " + deployment + " has more than one @Reconfigure method; the runtime"
                + " calls one. Keep one.";
    }

    public static String batchSignature(String deployment, String method) {
        return "[Trellis/Batch] @Batch method '" + method + "' of " + deployment + " must take one List<T> and"
                + " return a List<R> of the same length, one result per item, in order; its handle then takes one"
                + " T and returns DeploymentResponse<R>. For example: public List<Label> " + method
                + "(List<Image> images).";
    }

    public static String batchStreaming(String deployment, String method) {
        return "[Trellis/Batch] @Batch method '" + method + "' of " + deployment + " returns a Stream: a batch"
                + " answers each of its callers with one item, so a batched method cannot stream. Return a"
                + " List<R> with one result per item, or remove @Batch.";
    }

    public static String streamItemType(String deployment, String method, String found) {
        return "[Trellis/Stream] Method '" + method + "' of " + deployment + " returns " + found + ": a streaming"
                + " method returns Stream<T> with a concrete item type T that crosses the wire (not raw, not a"
                + " wildcard), for example Stream<Token>.";
    }

    public static String batchAboveConcurrency(String deployment, String method, int maxSize, int maxOngoing) {
        return "[Trellis/Batch] @Batch(maxSize = " + maxSize + ") on '" + method + "' of " + deployment
                + " can never fill: each waiting call holds one of the replica's maxOngoingRequests (" + maxOngoing
                + "), so no batch grows beyond " + maxOngoing + ". Raise maxOngoingRequests to at least " + maxSize
                + ", or lower maxSize.";
    }

    public static String batchInMultiplexed(String deployment, String method) {
        return "[Trellis/Batch] @Batch on '" + method + "' of " + deployment + ", a @Multiplexed deployment: one batch"
                + " would mix calls for different models, and Trellis does not batch per model yet. Batch in a"
                + " deployment of its own, or remove @Batch.";
    }

    public static String reservedHandleMethod(String deployment, String method) {
        return "[Trellis/Multiplexed] " + deployment + " has a method '" + method + "(String)', but its handle's"
                + " withModelId(String) addresses models. Rename the method.";
    }

    public static String multiplexedSignature(String deployment, String method) {
        return "[Trellis/Multiplexed] @Multiplexed method '" + method + "' of " + deployment + " loads a model: it"
                + " must be public, take the model id as one String and return the model. For example:"
                + " public Model " + method + "(String modelId).";
    }

    public static String twoMultiplexed(String deployment) {
        return "[Trellis/Multiplexed] " + deployment + " has more than one @Multiplexed method; a replica keeps one"
                + " kind of model. Keep one.";
    }

    public static String idempotentNotServed(String deployment, String method) {
        return "[Trellis/Idempotent] @Idempotent is on '" + method + "' of " + deployment + ", which callers"
                + " cannot call: only public instance methods that are neither @HealthCheck nor @Reconfigure"
                + " are served. Make it one, or remove @Idempotent.";
    }

    public static String deploymentName(String name) {
        return "[Trellis/DeploymentName] Deployment name \"" + name + "\" is invalid; it names a gRPC service"
                + " and a YAML entry, so it must match [A-Za-z][A-Za-z0-9_-]*. Choose a name such as \""
                + (name.replaceAll("[^A-Za-z0-9_-]", "").replaceAll("^[^A-Za-z]+", "").isEmpty() ? "Worker"
                        : name.replaceAll("[^A-Za-z0-9_-]", "").replaceAll("^[^A-Za-z]+", "")) + "\".";
    }

    public static String healthCheckSignature(String deployment, String method) {
        return "[Trellis/HealthCheck] @HealthCheck method '" + method + "' of " + deployment + " must be public,"
                + " take no parameters and return void (throw when unhealthy) or boolean (false when unhealthy)."
                + " Change its signature.";
    }

    public static String twoHealthChecks(String deployment) {
        return "[Trellis/HealthCheck] " + deployment + " has more than one @HealthCheck method; the controller"
                + " calls one. Keep one.";
    }

    public static String wireType(String where, String path, String type, String hint) {
        return "[Trellis/WireType] " + where + ": " + (path.isEmpty() ? "" : path + ": ") + type
                + " is not a wire type; " + hint + ".";
    }

    public static String overloadWireNameClash(String deployment, String method, String wireName) {
        return "[Trellis/OverloadedMethod] " + deployment + " has two overloads of '" + method
                + "' whose parameter types have the same simple names, so both would be called '" + wireName
                + "' on the wire. Rename one of them.";
    }

    private static String suggestedName(String name) {
        String lowered = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9-]+", "-").replaceAll("^[^a-z]+", "");
        return lowered.isEmpty() ? "my-app" : lowered;
    }

    public static String invalidNodeGpus(String option, String found, int fallback) {
        return "[Trellis/Option] -A" + option + "=" + found + " is invalid: it is the GPU count of the largest"
                + " node a replica may run on, a whole number of 0 or more. Pass, for example, -A" + option
                + "=" + fallback + " (this compile uses " + fallback + ").";
    }

    public static String invalidNodeProfiles(String option, String found, String problem) {
        return "[Trellis/Option] -A" + option + "=" + found + " is invalid: " + problem + ". It lists the kinds of"
                + " node the application may run on, separated by ';', each as cpu:<cores>,mem:<MiB or Ng>,gpu:<devices>,"
                + " for example -A" + option + "=cpu:8,mem:32g;cpu:8,mem:64g,gpu:1 (this compile checks none).";
    }

    public static String fitsNoNodeProfile(String application, String footprint, java.util.List<String> shortfalls) {
        return "[Trellis/NodeProfiles] Application '" + application + "' needs " + footprint + " for its replicas"
                + " at start and fits on none of the node profiles it may run on: " + String.join("; ", shortfalls)
                + ". Lower the @Resources hints or replica counts, or deploy it on a larger node.";
    }

    public static String replicasWithAutoscaling(int numReplicas) {
        return "[Trellis/ReplicasWithAutoscaling] numReplicas = " + numReplicas + " is set together with"
                + " autoscaling; with autoscaling the controller chooses the replica count between min and"
                + " max. Remove numReplicas (@Autoscaling(initial = ...) sets the count at start), or remove"
                + " autoscaling to keep a fixed count.";
    }

    public static String autoscalingMinAboveMax(int min, int max) {
        return "[Trellis/AutoscalingBounds] autoscaling.min = " + min + " is above autoscaling.max = " + max
                + "; the autoscaler keeps the replica count between the two. Raise max to " + min
                + " or more, or lower min to " + max + " or less.";
    }

    public static String autoscalingInitialOutsideBounds(int initial, int min, int max) {
        return "[Trellis/AutoscalingBounds] autoscaling.initial = " + initial + " is outside [min, max] = ["
                + min + ", " + max + "]; a deployment starts within its bounds. Set initial between " + min
                + " and " + max + ", or leave it out to start at min.";
    }

    public static String gpusAboveNode(double gpus, int nodeGpus, String option) {
        return "[Trellis/Gpus] resources.gpus = " + gpus + " is more than the " + nodeGpus
                + " GPUs of the largest node (-A" + option + "=" + nodeGpus + "); no node could place one"
                + " replica. Ask for " + nodeGpus + " GPUs or fewer, or pass -A" + option
                + "=<n> with the GPU count of your largest node.";
    }

    public static String fractionalGpusAboveOne(double gpus) {
        return "[Trellis/Gpus] resources.gpus = " + gpus + " is above 1 but not a whole number; a fraction"
                + " shares one device, and a replica cannot hold part of a second one. Ask for a whole"
                + " number of GPUs (" + (long) Math.floor(gpus) + " or " + (long) Math.ceil(gpus)
                + "), or a fraction below 1.";
    }

    public static String multipleIngresses(String application, String ingress, String other) {
        return "[Trellis/MultipleIngresses] Application '" + application + "' reaches two @Ingress"
                + " deployments: " + ingress + " (its ingress) and " + other + "; only the application's"
                + " ingress receives outside traffic. Remove @Ingress from " + other + ", or stop calling it"
                + " from this application.";
    }

    public static String unreachable(String deployment, String handle, String applications) {
        return "[Trellis/Unreachable] Deployment " + deployment + " is declared beside " + applications
                + ", but no application reaches it through handle parameters, so it never runs. Take its handle ("
                + handle + ") in a deployment that an application reaches, or remove @Deployment.";
    }

    public static String jsonBody(String parameter, String method, String path, String type,
            String reason) {
        return "[Trellis/JsonBody] Parameter '" + parameter + "' of " + method
                + (path.isEmpty() ? "" : ": " + path) + " has type " + type + ", which JSON cannot create;"
                + " use a record of JSON values (strings, numbers, booleans, enums, lists, maps with String"
                + " keys, records of these) instead of " + reason + ".";
    }
}
