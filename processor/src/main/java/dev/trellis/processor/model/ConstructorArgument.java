package dev.trellis.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/** One parameter of a deployment's constructor, as the generated factory fills it. */
public sealed interface ConstructorArgument {

    /**
     * The handle of another deployment: an edge of the graph.
     *
     * @param edge the handle parameter
     */
    record Handle(HandleParameter edge) implements ConstructorArgument {}

    /**
     * The deployment's whole configuration as one record.
     *
     * @param type the record
     */
    record ConfigRecord(ClassName type) implements ConstructorArgument {}

    /**
     * One configuration entry, named after the parameter.
     *
     * @param key the parameter's name, the entry's key in the YAML
     * @param type the parameter's type (a primitive, its box, String or an enum)
     */
    record ConfigValue(String key, TypeName type) implements ConstructorArgument {}

    /**
     * The replica's {@code DeploymentContext}: its resources and GPU placement (for
     * {@code OnnxSettings.forReplica}), configuration and channels.
     */
    record Context() implements ConstructorArgument {}
}
