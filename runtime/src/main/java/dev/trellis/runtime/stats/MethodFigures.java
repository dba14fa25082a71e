package dev.trellis.runtime.stats;

/**
 * What one replica counted of one method's calls since it started.
 *
 * @param processing how long the method's code ran per call (a batch's time for each call in it)
 * @param queueWait how long a call waited between reaching its deployment's router and its method
 *     starting: for a free slot, and for a {@code @Batch} method also for its batch to fill
 * @param ok calls answered
 * @param failed calls failed by the method (it threw, or a batch's result did not fit)
 * @param refused calls whose arguments the method, or a deployment it passed them on to, refused with an
 *     {@link IllegalArgumentException}: the caller's fault
 * @param timedOut calls past their deadline
 * @param cancelled calls their caller gave up, before or while they ran
 */
public record MethodFigures(Histogram processing, Histogram queueWait, long ok, long failed, long refused,
        long timedOut, long cancelled) {

    /** No calls yet. */
    public static final MethodFigures NONE = new MethodFigures(Histogram.EMPTY, Histogram.EMPTY, 0, 0, 0, 0, 0);

    /** The calls that ended so. */
    public long count(MethodRecorder.Outcome outcome) {
        return switch (outcome) {
            case OK -> ok;
            case FAILED -> failed;
            case REFUSED -> refused;
            case TIMED_OUT -> timedOut;
            case CANCELLED -> cancelled;
        };
    }
}
