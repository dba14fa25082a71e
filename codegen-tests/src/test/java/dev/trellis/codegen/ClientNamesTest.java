package dev.trellis.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * The generated application client never lets an ingress method shadow its own members ({@code close}
 * would otherwise make closing the client a remote call): such methods are left out, and listed in the
 * class's Javadoc.
 */
class ClientNamesTest {

    private static final Source FRONT = Source.of("t.Front", """
            package t;

            import dev.trellis.annotations.Deployment;
            import dev.trellis.annotations.Ingress;
            import dev.trellis.annotations.Post;

            @Ingress(path = "/front")
            @Deployment
            public final class Front implements AutoCloseable {
                @Post
                public String run(String text) { return text; }
                public String runAsync(String text) { return text; }
                public int deadline() { return 0; }
                @Override
                public void close() {}
            }
            """);
    private static final Source APP = Source.of("t.App", """
            package t;

            @dev.trellis.annotations.Application(name = "t", ingress = Front.class)
            final class App {}
            """);

    @Test
    void methodsNamedLikeTheClientsOwnAreLeftOutAndListed() {
        Compilation compilation = Compilations.compile(FRONT, APP);

        assertThat(compilation).succeededWithoutWarnings();
        String client = GoldenFiles.contentOf(compilation.generatedSourceFile("t.AppClient").orElseThrow());
        assertThat(client).contains("public String run(String text) {");
        assertThat(client).contains("public String runAsync(String text) {");
        assertThat(client).contains("public DeploymentResponse<String> runAsyncAsync(String text) {");
        assertThat(client).doesNotContain("DeploymentResponse<String> runAsync(String text)");
        assertThat(client).doesNotContain("deadline() {");
        assertThat(client).doesNotContain("close() {");
        assertThat(client).contains("another ingress method: close, deadline, runAsync for run.");
    }
}
