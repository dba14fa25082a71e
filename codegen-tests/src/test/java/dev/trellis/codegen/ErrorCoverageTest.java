package dev.trellis.codegen;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every id the processor can report ({@code [Trellis/Cycle]}) is asserted by at least one test: a
 * message without a negative test is a message nobody has seen. Reads the processor's
 * {@code ErrorMessages.java} and this module's test sources.
 */
class ErrorCoverageTest {

    private static final Pattern ID = Pattern.compile("\\[Trellis/([A-Za-z]+)]");

    @Test
    void everyErrorIdAppearsInATest() throws IOException {
        Set<String> ids = idsIn(errorMessages());
        assertWithMessage("ids in %s", errorMessages()).that(ids).contains("Cycle");

        Set<String> tested = new TreeSet<>();
        for (Path test : testSources()) {
            tested.addAll(idsIn(test));
        }
        Set<String> untested = new TreeSet<>(ids);
        untested.removeAll(tested);
        assertWithMessage("error ids in ErrorMessages.java that no test under %s asserts; add a negative"
                + " compile-testing test for each", testDirectory()).that(untested).isEmpty();
    }

    private static Set<String> idsIn(Path file) throws IOException {
        Set<String> ids = new TreeSet<>();
        Matcher matcher = ID.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** Every test source but this one, which names ids only to find them. */
    private static List<Path> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(testDirectory())) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getFileName().toString().equals("ErrorCoverageTest.java"))
                    .sorted()
                    .toList();
        }
    }

    private static Path errorMessages() {
        return path("trellis.errorMessages",
                "../processor/src/main/java/dev/trellis/processor/ErrorMessages.java");
    }

    private static Path testDirectory() {
        return path("trellis.testSources", "src/test/java");
    }

    private static Path path(String property, String fallback) {
        String configured = System.getProperty(property);
        return Path.of(configured != null ? configured : fallback);
    }
}
