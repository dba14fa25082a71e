package dev.trellis.processor.model;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.VariableElement;

/**
 * A constructor parameter holding another deployment's handle: one edge of the graph.
 *
 * @param name the parameter's name
 * @param target the deployment class the handle calls
 * @param source the parameter, for error messages only
 */
public record HandleParameter(String name, ClassName target, VariableElement source) {

    /** The handle class the parameter is declared with. */
    public ClassName handleType() {
        return DeploymentModel.handleTypeOf(target);
    }
}
