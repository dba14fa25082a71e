package dev.trellis.codegen;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;

/**
 * Compares generated files with the reviewed copies under {@code src/test/resources/golden}. Run the
 * tests with {@code -Dgolden.update=true} to rewrite them, then review the diff.
 */
final class GoldenFiles {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private GoldenFiles() {}

    static void assertMatches(String goldenName, JavaFileObject generated) {
        assertMatches(goldenName, contentOf(generated));
    }

    static void assertMatches(String goldenName, String actual) {
        Path golden = directory().resolve(goldenName);
        try {
            if (UPDATE) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            assertWithMessage("golden file %s is missing; run with -Dgolden.update=true", golden)
                    .that(Files.exists(golden)).isTrue();
            assertWithMessage("generated %s differs from its golden file; if the change is intended,"
                    + " run with -Dgolden.update=true and review the diff", goldenName)
                    .that(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentOf(JavaFileObject file) {
        try {
            return file.getCharContent(false).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory() {
        String configured = System.getProperty("golden.dir");
        return Path.of(configured != null ? configured : "src/test/resources/golden");
    }
}
