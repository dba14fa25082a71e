package dev.trellis.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP face of an {@code @Ingress} deployment.
 *
 * @param path the ingress path, from {@code @Ingress(path)}
 * @param routes one per {@code @Get}/{@code @Post} method, in declaration order
 */
public record IngressModel(String path, List<Route> routes) {

    public IngressModel {
        routes = List.copyOf(routes);
    }

    /**
     * One route.
     *
     * @param verb {@code GET} or {@code POST}, as the runtime's {@code HttpVerb} constant
     * @param path the full path: ingress path and method path joined
     * @param method the method it calls
     * @param bodyType the type the JSON body is read as; empty for a method without parameters
     */
    public record Route(String verb, String path, MethodModel method, Optional<TypeName> bodyType) {}
}
