package dev.trellis.runtime.graph;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.TypeToken;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP route of the ingress deployment: a request on {@code verb path} calls {@code method}, with
 * the JSON body decoded to {@code bodyType} as its only argument when there is one.
 *
 * @param verb the HTTP method
 * @param path the full path, starting with '/'
 * @param method the ingress method it calls
 * @param bodyType the body's type, empty for a method without parameters
 */
public record IngressRoute(
        HttpVerb verb, String path, DeploymentMethod<?> method, Optional<TypeToken<?>> bodyType) {

    public IngressRoute {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(bodyType, "bodyType");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
    }

    /** A POST route whose JSON body is decoded to {@code bodyType}. */
    public static IngressRoute post(String path, DeploymentMethod<?> method, TypeToken<?> bodyType) {
        return new IngressRoute(HttpVerb.POST, path, method, Optional.of(bodyType));
    }

    /** A route calling a method that takes no parameters. */
    public static IngressRoute withoutBody(HttpVerb verb, String path, DeploymentMethod<?> method) {
        return new IngressRoute(verb, path, method, Optional.empty());
    }
}
