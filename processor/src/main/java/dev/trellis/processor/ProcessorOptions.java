package dev.trellis.processor;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * The {@code -A} options the processor reads, parsed once when it starts.
 *
 * @param nodeGpus the GPU count of the largest node a replica may be placed on
 *     ({@code -Atrellis.nodeGpus=<n>}, default {@value #DEFAULT_NODE_GPUS}); a deployment asking for more
 *     could never be placed
 * @param nodeProfiles the kinds of node the applications may run on ({@code -Atrellis.nodeProfiles}); an
 *     application that fits on none gets a warning. Empty: not checked
 * @param failOn a test hook, see {@link #failIfRequested}; empty in every real build
 */
public record ProcessorOptions(int nodeGpus, java.util.List<dev.trellis.processor.model.NodeProfile> nodeProfiles,
        Optional<String> failOn) {

    public static final String NODE_GPUS = "trellis.nodeGpus";
    public static final String NODE_PROFILES = "trellis.nodeProfiles";
    public static final String FAIL_ON = "trellis.internal.failOn";
    public static final int DEFAULT_NODE_GPUS = 8;

    /** The option names, as {@code getSupportedOptions} declares them. */
    public static final Set<String> NAMES = Set.of(NODE_GPUS, NODE_PROFILES, FAIL_ON);

    /** The defaults, as a build without any {@code -A} option gets them. */
    public static ProcessorOptions defaults() {
        return new ProcessorOptions(DEFAULT_NODE_GPUS, java.util.List.of(), Optional.empty());
    }

    /**
     * Parses the options; a value that cannot be parsed is reported once, without an element, and its
     * default is used so that the rest of the compile is still checked.
     */
    public static ProcessorOptions parse(Map<String, String> options, Diagnostics diagnostics) {
        int nodeGpus = DEFAULT_NODE_GPUS;
        if (options.containsKey(NODE_GPUS)) {
            // -Atrellis.nodeGpus without "=<n>" arrives as null.
            String written = Objects.requireNonNullElse(options.get(NODE_GPUS), "");
            try {
                nodeGpus = Integer.parseInt(written.strip());
                if (nodeGpus < 0) {
                    throw new NumberFormatException("negative");
                }
            } catch (NumberFormatException e) {
                diagnostics.error(ErrorMessages.invalidNodeGpus(NODE_GPUS, written, DEFAULT_NODE_GPUS), null);
                nodeGpus = DEFAULT_NODE_GPUS;
            }
        }
        java.util.List<dev.trellis.processor.model.NodeProfile> profiles = java.util.List.of();
        if (options.containsKey(NODE_PROFILES)) {
            String written = Objects.requireNonNullElse(options.get(NODE_PROFILES), "");
            try {
                profiles = dev.trellis.processor.model.NodeProfile.parseAll(written);
            } catch (IllegalArgumentException e) {
                diagnostics.error(ErrorMessages.invalidNodeProfiles(NODE_PROFILES, written, e.getMessage()), null);
            }
        }
        Optional<String> failOn = Optional.ofNullable(options.get(FAIL_ON)).map(String::strip)
                .filter(name -> !name.isEmpty());
        return new ProcessorOptions(nodeGpus, profiles, failOn);
    }

    /**
     * TEST HOOK, the only one in the processor: with {@code -Atrellis.internal.failOn=<qualified class
     * name>} a step throws while processing that class, so that a test can check that an internal failure
     * becomes one {@code [Trellis/Internal]} error on that class and that every other class is still
     * processed. Builds never set it.
     */
    void failIfRequested(TypeElement type) {
        if (failOn.isPresent() && type.getQualifiedName().contentEquals(failOn.get())) {
            throw new IllegalStateException("test hook -A" + FAIL_ON + "=" + failOn.get());
        }
    }
}
