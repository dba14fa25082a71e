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

    public static String notAHandle(String parameter, String deployment, String type) {
        return "[Trellis/ConstructorParameter] Parameter '" + parameter + "' of " + deployment
                + " has type " + type + ", which is not a deployment handle; a deployment's constructor"
                + " takes the handles (<Deployment>Handle) of the deployments it calls. Pass a handle, or"
                + " build the value inside the constructor.";
    }

    public static String unknownDeployment(String parameter, String deployment, String type,
            String missing) {
        return "[Trellis/UnknownDeployment] Parameter '" + parameter + "' of " + deployment
                + " has type " + type + ", but " + missing + " is not a @Deployment class. Annotate "
                + missing + " with @Deployment, or take the handle of an existing deployment.";
    }

    public static String overloaded(String deployment, String method) {
        return "[Trellis/OverloadedMethod] " + deployment + " has more than one public method named '"
                + method + "'; each method of a deployment needs a distinct name on the wire. Rename"
                + " the overloads.";
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

    public static String duplicateDeployment(String name, String application, String first,
            String second) {
        return "[Trellis/DuplicateName] Application '" + application + "' has two deployments named '"
                + name + "': " + first + " and " + second + ". Set a distinct @Deployment(name = ...) on"
                + " one.";
    }

    public static String cycle(String path) {
        return "[Trellis/Cycle] Deployments call each other in a cycle: " + path
                + ". A pipeline is a directed acyclic graph; remove one of these handle parameters.";
    }

    private static String suggestedName(String name) {
        String lowered = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9-]+", "-").replaceAll("^[^a-z]+", "");
        return lowered.isEmpty() ? "my-app" : lowered;
    }
}
