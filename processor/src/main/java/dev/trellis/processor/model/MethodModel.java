package dev.trellis.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Locale;

/**
 * A public method of a deployment, as its handle and dispatcher see it.
 *
 * @param name the method's name
 * @param index its position among the deployment's methods: the dispatcher's switch label
 * @param resultType the result type, boxed; {@code Void} for {@code void}
 * @param returnsVoid whether the Java method returns {@code void}
 * @param parameters the parameters, in order
 */
public record MethodModel(
        String name,
        int index,
        TypeName resultType,
        boolean returnsVoid,
        List<ParameterModel> parameters) {

    public MethodModel {
        parameters = List.copyOf(parameters);
    }

    /** The name of the handle's {@code DeploymentMethod} constant: {@code readText} → {@code READ_TEXT}. */
    public String constantName() {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /**
     * A parameter of a method.
     *
     * @param name the parameter's name
     * @param type its type as written
     */
    public record ParameterModel(String name, TypeName type) {}
}
