package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a deployment's model loader, as Ray Serve's {@code @serve.multiplexed}: a public method that
 * takes a model id and returns the loaded model. Each replica keeps at most
 * {@link #maxModelsPerReplica()} models (models being loaded count), evicting the least recently used;
 * an evicted model that is {@link AutoCloseable} is closed once the calls using it have finished.
 *
 * <pre>{@code
 * @Multiplexed(maxModelsPerReplica = 3)
 * public TranslationModel load(String modelId) { return TranslationModel.open(modelsDir.resolve(modelId)); }
 *
 * public String translate(String text) {
 *     return Multiplexing.model(TranslationModel.class).translate(text);
 * }
 * }</pre>
 *
 * <p>Callers name the model with the handle's {@code withModelId(id)} or the {@code Trellis-Model-Id}
 * HTTP header; routers prefer a replica that already holds it and spill to another when those are full.
 * Only the runtime calls the loader: it is not served.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Multiplexed {

    /** How many models one replica keeps loaded, at least 1. Defaults to 3, as Ray Serve's. */
    int maxModelsPerReplica() default 3;
}
