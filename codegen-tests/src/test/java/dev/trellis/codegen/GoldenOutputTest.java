package dev.trellis.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The generated code of a small application, compared with reviewed golden files: handles, dispatchers,
 * the graph, the gRPC client, the manifest, the Mermaid picture and the ServiceLoader index.
 */
class GoldenOutputTest {

    private static final List<String> FIXTURE = List.of(
            "Greeter", "GreeterConfig", "Tone", "Shouter", "Volume", "Front", "Request", "Reply", "GreetingsApp");

    private static Compilation compileFixture() {
        return Compilations.compile(FIXTURE.stream()
                .map(name -> JavaFileObjects.forResource("fixtures/greetings/" + name + ".java"))
                .toArray(JavaFileObject[]::new));
    }

    @Test
    void generatedSourcesMatchGoldenFiles() {
        Compilation compilation = compileFixture();
        assertThat(compilation).succeededWithoutWarnings();
        List<String> generated = List.of("GreeterHandle", "GreeterDispatcher", "GreeterWire", "ShouterHandle",
                "ShouterDispatcher", "ShouterWire", "FrontHandle", "FrontDispatcher", "FrontWire",
                "GreetingsAppGraph", "GreetingsAppClient", "RequestWireCodec", "ReplyWireCodec", "VolumeWireCodec",
                "Volume_QuietWireCodec", "Volume_LoudWireCodec");
        for (String name : generated) {
            JavaFileObject file = compilation.generatedSourceFile("fixtures.greetings." + name)
                    .orElseThrow(() -> new AssertionError(name + " was not generated"));
            GoldenFiles.assertMatches("greetings/" + name + ".java", file);
        }
        assertThat(compilation.generatedSourceFiles()).hasSize(generated.size());
    }

    @Test
    void manifestAndServiceIndexMatchGoldenFiles() {
        Compilation compilation = compileFixture();
        assertThat(compilation).succeededWithoutWarnings();
        GoldenFiles.assertMatches("greetings/greetings.yaml", compilation
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/trellis/greetings.yaml").orElseThrow());
        GoldenFiles.assertMatches("greetings/greetings.mmd", compilation
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/trellis/greetings.mmd").orElseThrow());
        GoldenFiles.assertMatches("greetings/greetings.proto", compilation
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/trellis/greetings.proto").orElseThrow());
        assertThat(GoldenFiles.contentOf(compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                        "META-INF/services/dev.trellis.runtime.graph.ApplicationGraph").orElseThrow()))
                .isEqualTo("fixtures.greetings.GreetingsAppGraph\n");
    }

    @Test
    void outputIsDeterministic() {
        Compilation first = compileFixture();
        Compilation second = compileFixture();
        assertThat(first.generatedFiles()).hasSize(second.generatedFiles().size());
        for (JavaFileObject file : first.generatedFiles()) {
            JavaFileObject twin = second.generatedFiles().stream()
                    .filter(other -> other.getName().equals(file.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(file.getName() + " missing"));
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                assertThat(GoldenFiles.contentOf(twin)).isEqualTo(GoldenFiles.contentOf(file));
            }
        }
    }
}
