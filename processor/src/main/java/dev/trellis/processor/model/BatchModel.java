package dev.trellis.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * How a {@code @Batch} method's calls are batched. Its {@link MethodModel} describes one item (the handle
 * takes one, the wire carries one); the Java method itself takes the list.
 *
 * @param maxSize the most calls in one batch
 * @param maxWaitMillis how long the first call of a batch waits for others
 * @param maxConcurrentBatches how many batches one replica runs at once
 * @param listType the type of the Java method's parameter, {@code List<T>}: what the dispatcher passes
 */
public record BatchModel(int maxSize, long maxWaitMillis, int maxConcurrentBatches, TypeName listType) {
}
