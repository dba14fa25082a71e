package dev.trellis.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Valid inputs whose generated code once failed to compile or warned, and invalid ones that once crashed
 * the processor or slipped through: each compiles cleanly now, or fails with a Trellis error.
 */
class EdgeCasesTest {

    private static final Source APP = Source.of("t.App", """
            package t;
            @dev.trellis.annotations.Application(name = "edge", ingress = Front.class)
            final class App {}
            """);

    private static Source front(String body) {
        return Source.of("t.Front", """
                package t;
                import dev.trellis.annotations.*;
                import java.util.*;
                @Ingress(path = "/front")
                @Deployment
                public final class Front {
                %s
                }
                """.formatted(body));
    }

    @Test
    void objectMethodsAreNotServed() {
        Compilation compilation = Compilations.compile(front("""
                    public int twice(int x) { return 2 * x; }
                    @Override public String toString() { return "front"; }
                    @Override public int hashCode() { return 1; }
                    @Override public boolean equals(Object other) { return other == this; }
                """), APP);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("t.FrontHandle").contentsAsUtf8String()
                .doesNotContain("toString");
    }

    @Test
    void anIdempotentMethodsConstantSaysSoAndTheOthersKeepTheShortForm() throws java.io.IOException {
        Compilation compilation = Compilations.compile(front("""
                    @Idempotent public int twice(int x) { return 2 * x; }
                    public void record(int x) {}
                """), APP);

        assertThat(compilation).succeededWithoutWarnings();
        String handle = compilation.generatedSourceFile("t.FrontHandle").orElseThrow().getCharContent(true).toString();
        assertThat(handle).contains("TWICE = new DeploymentMethod<>(\"Front\", \"twice\", 0, true);");
        assertThat(handle).contains("RECORD = new DeploymentMethod<>(\"Front\", \"record\", 1);");
    }

    @Test
    void aBatchMethodsHandleTakesOneItemAndItsDispatcherPassesTheList() throws java.io.IOException {
        Compilation compilation = Compilations.compile(front("""
                    @Batch(maxSize = 4, maxWaitMillis = 3, maxConcurrentBatches = 2)
                    public List<Integer> lengths(List<String> texts) { return null; }
                """), APP);

        assertThat(compilation).succeededWithoutWarnings();
        String handle = compilation.generatedSourceFile("t.FrontHandle").orElseThrow().getCharContent(true).toString();
        assertThat(handle).contains("LENGTHS = new DeploymentMethod<>(\"Front\", \"lengths\", 0, false,"
                + " new BatchSpec(4, 3L, 2));");
        assertThat(handle).contains("public DeploymentResponse<Integer> lengths(String texts)");
        String dispatcher = compilation.generatedSourceFile("t.FrontDispatcher").orElseThrow().getCharContent(true)
                .toString();
        assertThat(dispatcher).contains("case 0 -> target.lengths((List<String>) args[0]);");
    }

    @Test
    void aConstructorMayTakeTheReplicasDeploymentContext() throws java.io.IOException {
        Compilation compilation = Compilations.compile(Source.of("t.Front", """
                package t;
                import dev.trellis.annotations.*;
                import dev.trellis.runtime.DeploymentContext;
                @Ingress(path = "/front")
                @Deployment
                public final class Front {
                    private final double cpus;
                    public Front(DeploymentContext context) { this.cpus = context.resources().cpus(); }
                    public double cpus() { return cpus; }
                }
                """), APP);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation.generatedSourceFile("t.AppGraph").orElseThrow().getCharContent(true).toString())
                .contains("context -> new Front(context)");
    }

    @Test
    void aMultiplexedDeploymentsHandleAddressesModelsAndItsLoaderIsNotServed() throws java.io.IOException {
        Compilation compilation = Compilations.compile(front("""
                    @Multiplexed(maxModelsPerReplica = 2)
                    public StringBuilder load(String modelId) { return new StringBuilder(modelId); }
                    public String channel() { return "a user method named like the handle's channel"; }
                    public String translate(String text) {
                        return dev.trellis.runtime.Multiplexing.model(StringBuilder.class) + text;
                    }
                """), APP);

        assertThat(compilation).succeededWithoutWarnings();
        String handle = compilation.generatedSourceFile("t.FrontHandle").orElseThrow().getCharContent(true).toString();
        assertThat(handle).contains("public FrontHandle withModelId(String modelId) {");
        assertThat(handle).contains("return new FrontHandle(Multiplexing.channel(this.channel, modelId));");
        assertThat(handle).doesNotContain("DeploymentResponse<StringBuilder> load(");
        String dispatcher = compilation.generatedSourceFile("t.FrontDispatcher").orElseThrow().getCharContent(true)
                .toString();
        assertThat(dispatcher).contains("return target.load(modelId);");
        assertThat(dispatcher).contains("public int maxModelsPerReplica() {");
    }

    @Test
    void parameterNamedLikeTheChainingLambdaCompiles() {
        assertThat(Compilations.compile(front("    public int g(int ready) { return ready; }"), APP))
                .succeededWithoutWarnings();
    }

    @Test
    void mapsOfOverloadsAndAMapParameterNamedValueCompile() {
        assertThat(Compilations.compile(front("""
                    public void put(Map<String, Integer> scores) {}
                    public void put(Map<Long, String> scores, int x) {}
                    public Map<String, Integer> g(Map<String, String> value) { return null; }
                """), APP)).succeededWithoutWarnings();
    }

    @Test
    void deprecatedMethodsAndTypesCompileWithoutWarnings() {
        Source old = Source.of("t.Old", """
                package t;
                @Deprecated
                public record Old(int x) {}
                """);
        assertThat(Compilations.compile(front("""
                    @Deprecated public int legacy(int x) { return x; }
                    @SuppressWarnings("deprecation") public int take(Old old) { return old.x(); }
                """), old, APP)).succeededWithoutWarnings();
    }

    @Test
    void enumsOfTheSameSimpleNameInOneRecordCompile() {
        Source a = Source.of("t.a.Color", "package t.a; public enum Color { RED }");
        Source b = Source.of("t.b.Color", "package t.b; public enum Color { BLUE }");
        Source pair = Source.of("t.Pair", "package t; public record Pair(t.a.Color first, t.b.Color second) {}");
        assertThat(Compilations.compile(front("    public Pair swap(Pair pair) { return pair; }"), a, b, pair, APP))
                .succeededWithoutWarnings();
    }

    @Test
    void deploymentsWithTheSameSimpleNameInOneApplicationCompile() {
        Source text = Source.of("t.a.Worker", """
                package t.a;
                @dev.trellis.annotations.Deployment(name = "TextWorker")
                public final class Worker { public String work(String x) { return x; } }
                """);
        Source image = Source.of("t.b.Worker", """
                package t.b;
                @dev.trellis.annotations.Deployment(name = "ImageWorker")
                public final class Worker { public String work(String x) { return x; } }
                """);
        Source caller = front("""
                    public Front(t.a.WorkerHandle text, t.b.WorkerHandle image) {}
                    @Get public String ping() { return "pong"; }
                """);
        assertThat(Compilations.compile(caller, text, image, APP)).succeededWithoutWarnings();
    }

    @Test
    void recordsNamedLikeARequestMessageGetQualifiedProtoNames() {
        Compilation compilation = Compilations.compile(Source.of("t.Ranker", """
                package t;
                import dev.trellis.annotations.*;
                @Ingress(path = "/rank")
                @Deployment
                public final class Ranker {
                    public record RankRequest(String query) {}
                    public record RankResponse(int rank) {}
                    @Post public RankResponse rank(RankRequest request) { return new RankResponse(1); }
                }
                """), Source.of("t.RankApp", """
                package t;
                @dev.trellis.annotations.Application(name = "rank", ingress = Ranker.class)
                final class RankApp {}
                """));

        assertThat(compilation).succeededWithoutWarnings();
        String proto = GoldenFiles.contentOf(compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/trellis/rank.proto").orElseThrow());
        assertThat(proto).contains("message Ranker_RankRequest {\n  t_Ranker_RankRequest request = 1;");
        assertThat(proto).contains("message t_Ranker_RankRequest {");
    }

    @Test
    void privateRecordIsNotAWireType() {
        Source source = Source.of("t.Front", """
                package t;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Front {
                    private record Secret(int x) {}
                    public int g(java.util.List<Secret> secrets) { return 0; } // <- here
                }
                """);
        assertThat(Compilations.compile(source)).hadErrorContaining("[Trellis/WireType] Parameter 'secrets' of"
                + " Front.g: []: t.Front.Secret is not a wire type; make it package-private or public")
                .inFile(source.file()).onLine(source.lineOf("<- here"));
    }

    @Test
    void rawCollectionIsAnErrorNotACrash() {
        Source source = Source.of("t.Front", """
                package t;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Front {
                    @SuppressWarnings("rawtypes")
                    public int g(java.util.List raw) { return 0; } // <- here
                }
                """);
        assertThat(Compilations.compile(source)).hadErrorContaining("[Trellis/WireType] Parameter 'raw' of Front.g:"
                + " java.util.List is not a wire type; write its type arguments")
                .inFile(source.file()).onLine(source.lineOf("<- here"));
    }

    @Test
    void aFailedRecordDoesNotBreakTheNextDeploymentThatUsesItsParts() {
        Source records = Source.of("t.A", """
                package t;
                public record A(B b, Thread thread) {}
                record B(A a) {}
                """);
        Source first = Source.of("t.D1", """
                package t;
                @dev.trellis.annotations.Deployment
                public final class D1 { public int f(A a) { return 0; } }
                """);
        Source second = Source.of("t.D2", """
                package t;
                @dev.trellis.annotations.Deployment
                public final class D2 { public int g(B b) { return 0; } }
                """);
        Compilation compilation = Compilations.compile(records, first, second);

        assertThat(compilation).hadErrorContaining("A.thread: java.lang.Thread is not a wire type");
        assertThat(compilation).hadErrorContaining("B.a.thread: java.lang.Thread is not a wire type");
        for (javax.tools.Diagnostic<?> diagnostic : compilation.errors()) {
            assertThat(diagnostic.getMessage(null)).doesNotContain("[Trellis/Internal]");
        }
    }

    @Test
    void deploymentNameMustBeAnIdentifier() {
        Source source = Source.of("t.Fast", """
                package t;
                import dev.trellis.annotations.Deployment;
                @Deployment(name = "2 fast") // <- here
                public final class Fast {}
                """);
        assertThat(Compilations.compile(source)).hadErrorContaining("[Trellis/DeploymentName] Deployment name"
                + " \"2 fast\" is invalid; it names a gRPC service and a YAML entry, so it must match"
                + " [A-Za-z][A-Za-z0-9_-]*. Choose a name such as \"fast\".")
                .inFile(source.file()).onLine(source.lineOf("<- here"));
    }

    @Test
    void defaultsWithLineBreaksStayOneYamlValue() {
        Compilation compilation = Compilations.compile(front("""
                    public Front(@Default("a\\nb \\"c\\"") String banner) {}
                    @Get public String ping() { return "pong"; }
                """), APP);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(GoldenFiles.contentOf(compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/trellis/edge.yaml").orElseThrow())).contains("banner: \"a\\nb \\\"c\\\"\"\n");
    }

    @Test
    void floatDefaultOutOfRangeIsAnError() {
        Source source = front("""
                    public Front(
                            @Default("1e39") float scale) {} // <- here
                """);
        assertThat(Compilations.compile(source)).hadErrorContaining("[Trellis/Config] @Default(\"1e39\") of"
                + " Front(scale) is not a valid float").inFile(source.file()).onLine(source.lineOf("<- here"));
    }
}
