package dev.trellis.samples.tagging.ocr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Runs a model over items in sub-batches of similar size and gives the answers back in the items'
 * order. A batch is padded to its largest member, so mixing a short word with a long sentence makes the
 * word cost as much as the sentence and, for the recogniser, reads it differently (PaddleOCR sorts its
 * crops by aspect ratio for the same reason, {@code rec_batch_num}).
 */
public final class SimilarSizeBatches {

    private SimilarSizeBatches() {}

    /**
     * Sorts the items by {@code size}, cuts them into runs of at most {@code maxBatch}, and applies
     * {@code step} to each run.
     */
    public static <I, T> List<T> sortedBy(List<I> items, ToDoubleFunction<I> size, int maxBatch,
            Function<List<I>, List<T>> step) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> size.applyAsDouble(items.get(i))));
        List<T> answers = new ArrayList<>(Collections.nCopies(items.size(), null));
        for (int start = 0; start < order.size(); start += maxBatch) {
            run(items, order.subList(start, Math.min(order.size(), start + maxBatch)), step, answers);
        }
        return answers;
    }

    /** Applies {@code step} once to each group of items with the same {@code key}, such as a tensor shape. */
    public static <I, T> List<T> groupedBy(List<I> items, Function<I, Object> key, Function<List<I>, List<T>> step) {
        Map<Object, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            groups.computeIfAbsent(key.apply(items.get(i)), k -> new ArrayList<>()).add(i);
        }
        List<T> answers = new ArrayList<>(Collections.nCopies(items.size(), null));
        groups.values().forEach(indices -> run(items, indices, step, answers));
        return answers;
    }

    /** The aspect ratio of a crop, what the recogniser's padding depends on. */
    public static double aspectRatio(RgbImage crop) {
        return (double) crop.width() / crop.height();
    }

    private static <I, T> void run(List<I> items, List<Integer> indices, Function<List<I>, List<T>> step,
            List<T> answers) {
        List<T> batchAnswers = step.apply(indices.stream().map(items::get).toList());
        if (batchAnswers.size() != indices.size()) {
            throw new IllegalStateException("a batch of " + indices.size() + " gave " + batchAnswers.size() + " answers");
        }
        for (int j = 0; j < indices.size(); j++) {
            answers.set(indices.get(j), batchAnswers.get(j));
        }
    }
}
