package dev.trellis.processor.read;

import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.model.IngressModel;
import dev.trellis.processor.model.IngressModel.Route;
import dev.trellis.processor.model.MethodModel;
import dev.trellis.processor.read.MethodReader.ReadMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads the {@code @Ingress} path and the {@code @Get}/{@code @Post} routes of a deployment. */
final class IngressReader {

    /** A path: '/' alone, or segments of URL-safe characters, each after one '/'. */
    private static final Pattern PATH = Pattern.compile("/|(/[A-Za-z0-9._~!$&'()*+,;=:@-]+)+");

    private final Elements elements;
    private final Diagnostics diagnostics;
    private final JsonMappableTypes json;

    IngressReader(Elements elements, Types types, Diagnostics diagnostics) {
        this.elements = elements;
        this.diagnostics = diagnostics;
        this.json = new JsonMappableTypes(types, diagnostics);
    }

    Optional<IngressModel> read(TypeElement type, List<ReadMethod> methods) {
        Optional<AnnotationReader> ingress = AnnotationReader.find(type, AnnotationNames.INGRESS, elements);
        reportRoutesOnOtherMethods(type, ingress.isPresent());
        if (ingress.isEmpty()) {
            return Optional.empty();
        }
        String path = (String) ingress.get().value("path");
        if (!PATH.matcher(path).matches()) {
            diagnostics.error(ErrorMessages.invalidPath("@Ingress", path), type, ingress.get().mirror(),
                    ingress.get().written("path").orElse(null));
            return Optional.empty();
        }
        List<Route> routes = new ArrayList<>();
        Map<String, String> served = new HashMap<>();
        for (ReadMethod method : methods) {
            readRoute(path, method).ifPresent(route -> {
                String key = route.verb() + " " + route.path();
                String other = served.putIfAbsent(key, route.method().name());
                if (other != null) {
                    diagnostics.error(ErrorMessages.duplicateRoute(route.verb(), route.path(), other),
                            method.element());
                } else {
                    routes.add(route);
                }
            });
        }
        return Optional.of(new IngressModel(path, routes));
    }

    private Optional<Route> readRoute(String ingressPath, ReadMethod method) {
        ExecutableElement element = method.element();
        Optional<AnnotationReader> post = AnnotationReader.find(element, AnnotationNames.POST, elements);
        Optional<AnnotationReader> get = AnnotationReader.find(element, AnnotationNames.GET, elements);
        if (post.isPresent() && get.isPresent()) {
            diagnostics.error(ErrorMessages.routeBothVerbs(method.model().name()), element);
            return Optional.empty();
        }
        Optional<AnnotationReader> route = post.or(() -> get);
        if (route.isEmpty()) {
            return Optional.empty();
        }
        String verb = post.isPresent() ? "POST" : "GET";
        String subPath = (String) route.get().value("value");
        if (!subPath.isEmpty() && (!PATH.matcher(subPath).matches() || subPath.equals("/"))) {
            AnnotationValue written = route.get().written("value").orElse(null);
            diagnostics.error(ErrorMessages.invalidPath("@" + capitalized(verb), subPath), element,
                    route.get().mirror(), written);
            return Optional.empty();
        }
        MethodModel model = method.model();
        int parameters = model.parameters().size();
        if (verb.equals("GET") && parameters > 0) {
            diagnostics.error(ErrorMessages.getWithParameters(model.name(), parameters), element);
            return Optional.empty();
        }
        if (verb.equals("POST") && parameters > 1) {
            diagnostics.error(ErrorMessages.postWithParameters(model.name(), parameters), element);
            return Optional.empty();
        }
        if (verb.equals("POST") && parameters == 1) {
            json.checkBody(element.getParameters().get(0), element);
        }
        String fullPath = ingressPath.equals("/") ? (subPath.isEmpty() ? "/" : subPath) : ingressPath + subPath;
        return Optional.of(new Route(verb, fullPath, model,
                parameters == 1 ? Optional.of(model.parameters().get(0).type()) : Optional.empty()));
    }

    /** Routes on a class without {@code @Ingress}, or on methods no handle serves, are mistakes. */
    private void reportRoutesOnOtherMethods(TypeElement type, boolean isIngress) {
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            for (String annotation : List.of(AnnotationNames.POST, AnnotationNames.GET)) {
                if (!AnnotationReader.isPresent(method, annotation)) {
                    continue;
                }
                String simple = annotation.substring(annotation.lastIndexOf('.') + 1);
                if (!isIngress) {
                    diagnostics.error(ErrorMessages.routeOutsideIngress(simple,
                            type.getSimpleName().toString()), method);
                } else if (!MethodReader.isServed(method)) {
                    diagnostics.error(ErrorMessages.routeNotPublic(simple,
                            method.getSimpleName().toString()), method);
                }
            }
        }
    }

    private static String capitalized(String verb) {
        return verb.charAt(0) + verb.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
