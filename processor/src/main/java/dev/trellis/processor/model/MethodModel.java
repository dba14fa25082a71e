package dev.trellis.processor.model;

import com.palantir.javapoet.TypeName;
import dev.trellis.processor.wire.WireType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A public method of a deployment, as its handle and dispatcher see it.
 *
 * @param name the Java method's name
 * @param wireName its name on the wire and in the handle's constant: the Java name, or for an overload
 *     the name followed by its parameter types ({@code addIntInt})
 * @param index its position among the deployment's methods: the dispatcher's switch label
 * @param resultType the result type, boxed; {@code Void} for {@code void}
 * @param returnsVoid whether the Java method returns {@code void}
 * @param parameters the parameters, in order
 * @param resultWire how the result crosses the wire; empty for {@code void}
 * @param idempotent whether it is {@code @Idempotent}: a call its replica was running when the replica
 *     went away may run again elsewhere
 * @param batch how its calls are batched, for a {@code @Batch} method, whose parameters and result are
 *     then those of one item
 * @param streaming whether it returns {@code Stream<T>}: {@code resultType} and {@code resultWire} are then
 *     those of one item, and its handle returns a {@code DeploymentStream<T>}
 */
public record MethodModel(
        String name,
        String wireName,
        int index,
        TypeName resultType,
        boolean returnsVoid,
        List<ParameterModel> parameters,
        Optional<WireType> resultWire,
        boolean idempotent,
        Optional<BatchModel> batch,
        boolean streaming) {

    public MethodModel {
        parameters = List.copyOf(parameters);
    }

    /** The name of the handle's {@code DeploymentMethod} constant: {@code readText} → {@code READ_TEXT}. */
    public String constantName() {
        return wireName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /**
     * A parameter of a method.
     *
     * @param name the parameter's name
     * @param type its type as written
     * @param wire how it crosses the wire
     */
    public record ParameterModel(String name, TypeName type, WireType wire) {}
}
