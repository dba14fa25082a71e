package dev.trellis.codegen;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.trellis.processor.TrellisProcessor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/** Compiles test sources with the Trellis processor, every lint on, as a user's build would. */
final class Compilations {

    private Compilations() {}

    static Compilation compile(JavaFileObject... files) {
        return javac()
                .withProcessors(new TrellisProcessor())
                .withOptions("-Xlint:all", "--release", "21")
                .compile(files);
    }

    static Compilation compile(Source... sources) {
        return compile(Arrays.stream(sources).map(Source::file).toArray(JavaFileObject[]::new));
    }

    /** Compiles with processor options too, such as {@code -Atrellis.nodeGpus=4}. */
    static Compilation compileWithOptions(List<String> options, Source... sources) {
        return javac()
                .withProcessors(new TrellisProcessor())
                .withOptions(Stream.concat(Stream.of("-Xlint:all", "--release", "21"), options.stream())
                        .toList())
                .compile(Arrays.stream(sources).map(Source::file).toList());
    }
}
