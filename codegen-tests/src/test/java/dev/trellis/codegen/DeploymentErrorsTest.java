package dev.trellis.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Every mistake in a {@code @Deployment} class is an error on the element, with its id and a fix. */
class DeploymentErrorsTest {

    private static void assertError(Source source, String message, String marker) {
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source.file()).onLine(source.lineOf(marker));
    }

    @Test
    void handleOfAClassThatIsNotADeployment() {
        Source source = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Front {
                    public Front(
                            HelperHandle helper) { // <- here
                    }
                }
                class Helper {}
                """);
        assertError(source, "[Trellis/UnknownDeployment] Parameter 'helper' of Front has type HelperHandle,"
                + " but Helper is not a @Deployment class. Annotate Helper with @Deployment", "<- here");
    }

    @Test
    void handleOfAClassThatDoesNotExist() {
        Source source = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Front {
                    public Front(MissingHandle missing) {} // <- here
                }
                """);
        assertError(source, "[Trellis/UnknownDeployment] Parameter 'missing' of Front has type MissingHandle,"
                + " but Missing is not a @Deployment class", "<- here");
    }

    @Test
    void constructorParameterThatIsNeitherHandleNorConfig() {
        Source source = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Front {
                    public Front(java.io.InputStream input) {} // <- here
                }
                """);
        assertError(source, "[Trellis/ConstructorParameter] Parameter 'input' of Front has type"
                + " java.io.InputStream, which is neither a deployment handle nor configuration", "<- here");
    }

    @Test
    void deploymentThatIsNotPublic() {
        Source source = Source.of("test.Hidden", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                final class Hidden {} // <- here
                """);
        assertError(source, "[Trellis/DeploymentShape] Deployment test.Hidden is not public", "<- here");
    }

    @Test
    void deploymentThatIsAbstract() {
        Source source = Source.of("test.Base", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public abstract class Base {} // <- here
                """);
        assertError(source, "[Trellis/DeploymentShape] Deployment test.Base is abstract", "<- here");
    }

    @Test
    void deploymentThatIsGeneric() {
        Source source = Source.of("test.Box", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Box<T> {} // <- here
                """);
        assertError(source, "[Trellis/DeploymentShape] Deployment test.Box has type parameters", "<- here");
    }

    @Test
    void deploymentThatIsNested() {
        Source source = Source.of("test.Outer", """
                package test;
                import dev.trellis.annotations.Deployment;
                public final class Outer {
                    @Deployment
                    public static final class Inner {} // <- here
                }
                """);
        assertError(source, "[Trellis/DeploymentShape] Deployment test.Outer.Inner is nested in another type",
                "<- here");
    }

    @Test
    void deploymentOnAnInterface() {
        Source source = Source.of("test.Service", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public interface Service {} // <- here
                """);
        assertError(source, "[Trellis/DeploymentShape] @Deployment is on a interface", "<- here");
    }

    @Test
    void deploymentWithTwoPublicConstructors() {
        Source source = Source.of("test.Twice", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Twice {
                    public Twice() {}
                    public Twice(TwiceHandle self) {} // <- here
                }
                """);
        assertError(source, "[Trellis/DeploymentConstructor] Deployment test.Twice has 2 public constructors",
                "<- here");
    }

    @Test
    void deploymentWithoutPublicConstructor() {
        Source source = Source.of("test.Closed", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Closed { // <- here
                    private Closed() {}
                }
                """);
        assertError(source, "[Trellis/DeploymentConstructor] Deployment test.Closed has 0 public constructors",
                "<- here");
    }

    @Test
    void overloadsWhoseWireNamesClash() {
        Source first = Source.of("test.a.Item", """
                package test.a;
                public record Item(String name) {}
                """);
        Source second = Source.of("test.b.Item", """
                package test.b;
                public record Item(int id) {}
                """);
        Source source = Source.of("test.Store", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Store {
                    public void put(test.a.Item item) {}
                    public void put(test.b.Item item) {} // <- here
                }
                """);
        Compilation compilation = Compilations.compile(first, second, source);
        assertThat(compilation).hadErrorContaining("[Trellis/OverloadedMethod] Store has two overloads of 'put'"
                + " whose parameter types have the same simple names, so both would be called 'putItem' on the"
                + " wire. Rename one of them.").inFile(source.file()).onLine(source.lineOf("<- here"));
    }

    @Test
    void overloadsWithDistinctWireNamesCompile() {
        Source source = Source.of("test.Calc", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Calc {
                    public int add(int a, int b) { return a + b; }
                    public double add(double a, double b) { return a + b; }
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.CalcHandle").contentsAsUtf8String()
                .contains("ADD_INT_INT = new DeploymentMethod<>(\"Calc\", \"addIntInt\", 0)");
    }

    @Test
    void genericMethod() {
        Source source = Source.of("test.Echo", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Echo {
                    public <T> T echo(T value) { return value; } // <- here
                }
                """);
        assertError(source, "[Trellis/GenericMethod] Method 'echo' of Echo has type parameters", "<- here");
    }

    @Test
    void everyInvalidSettingIsReportedInOneCompile() {
        Source source = Source.of("test.Bad", """
                package test;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.Resources;
                @Deployment(
                        numReplicas = 0, // <- replicas
                        maxOngoingRequests = 0, // <- ongoing
                        maxQueuedRequests = -2, // <- queued
                        resources = @Resources(cpus = 0.001, gpus = Double.NaN, memoryMb = -1)) // <- resources
                public final class Bad {}
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorCount(6);
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] numReplicas = 0 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- replicas"));
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] maxOngoingRequests = 0 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- ongoing"));
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] maxQueuedRequests = -2 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- queued"));
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] resources.cpus = 0.001 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- resources"));
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] resources.gpus = NaN is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- resources"));
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] resources.memoryMb = -1 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- resources"));
    }

    @Test
    void idempotentOnAMethodThatIsNotServed() {
        Source source = Source.of("test.Scorer", """
                package test;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.Idempotent;
                @Deployment
                public final class Scorer {
                    @Idempotent
                    public double score(String text) { return text.length(); }
                    @Idempotent
                    double helper(String text) { return 0; } // <- here
                }
                """);
        assertError(source, "[Trellis/Idempotent] @Idempotent is on 'helper' of Scorer, which callers cannot call",
                "<- here");
    }

    @Test
    void batchOnAMethodThatDoesNotMapAListToAList() {
        Source source = Source.of("test.Tagger", """
                package test;
                import dev.trellis.annotations.Batch;
                import dev.trellis.annotations.Deployment;
                import java.util.List;
                @Deployment
                public final class Tagger {
                    @Batch // <- here
                    public List<String> tag(String text) { return List.of(text); }
                }
                """);
        assertError(source, "[Trellis/Batch] @Batch method 'tag' of Tagger must take one List<T> and return a List<R>"
                + " of the same length, one result per item, in order; its handle then takes one T and returns"
                + " DeploymentResponse<R>. For example: public List<Label> tag(List<Image> images).", "<- here");
    }

    @Test
    void batchWithAWildcardOrANonListResultIsRefusedToo() {
        Source source = Source.of("test.Tagger", """
                package test;
                import dev.trellis.annotations.Batch;
                import dev.trellis.annotations.Deployment;
                import java.util.List;
                @Deployment
                public final class Tagger {
                    @Batch
                    public List<String> tag(List<? extends CharSequence> texts) { return List.of(); }
                    @Batch // <- here
                    public String[] count(List<String> texts) { return new String[0]; }
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("@Batch method 'tag' of Tagger must take one List<T>");
        assertThat(compilation).hadErrorContaining("@Batch method 'count' of Tagger must take one List<T>")
                .inFile(source.file()).onLine(source.lineOf("<- here"));
    }

    @Test
    void batchOnAStreamingMethod() {
        Source source = Source.of("test.Tagger", """
                package test;
                import dev.trellis.annotations.Batch;
                import dev.trellis.annotations.Deployment;
                import java.util.stream.Stream;
                @Deployment
                public final class Tagger {
                    @Batch // <- here
                    public Stream<String> tag(java.util.List<String> texts) { return texts.stream(); }
                }
                """);
        assertError(source, "[Trellis/Batch] @Batch method 'tag' of Tagger returns a Stream: a batch answers each of its"
                + " callers with one item, so a batched method cannot stream. Return a List<R> with one result per"
                + " item, or remove @Batch.", "<- here");
    }

    @Test
    void streamingMethodWithoutAConcreteItemType() {
        Source source = Source.of("test.Tokens", """
                package test;
                import dev.trellis.annotations.Deployment;
                import java.util.stream.Stream;
                @Deployment
                public final class Tokens {
                    @SuppressWarnings("rawtypes")
                    public Stream raw(String text) { return Stream.of(text); }
                    public Stream<?> wild(String text) { return Stream.of(text); } // <- here
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[Trellis/Stream] Method 'raw' of Tokens returns java.util.stream.Stream:"
                + " a streaming method returns Stream<T> with a concrete item type T that crosses the wire (not raw,"
                + " not a wildcard), for example Stream<Token>.");
        assertThat(compilation).hadErrorContaining("[Trellis/Stream] Method 'wild' of Tokens returns"
                + " java.util.stream.Stream<?>").inFile(source.file()).onLine(source.lineOf("<- here"));
    }

    @Test
    void batchLargerThanTheReplicaCanHold() {
        Source source = Source.of("test.Tagger", """
                package test;
                import dev.trellis.annotations.Batch;
                import dev.trellis.annotations.Deployment;
                import java.util.List;
                @Deployment(maxOngoingRequests = 8)
                public final class Tagger {
                    @Batch(maxSize = 32) // <- here
                    public List<String> tag(List<String> texts) { return texts; }
                }
                """);
        assertError(source, "[Trellis/Batch] @Batch(maxSize = 32) on 'tag' of Tagger can never fill: each waiting call"
                + " holds one of the replica's maxOngoingRequests (8), so no batch grows beyond 8. Raise"
                + " maxOngoingRequests to at least 32, or lower maxSize.", "<- here");
    }

    @Test
    void batchSettingsOutOfRange() {
        Source source = Source.of("test.Tagger", """
                package test;
                import dev.trellis.annotations.Batch;
                import dev.trellis.annotations.Deployment;
                import java.util.List;
                @Deployment
                public final class Tagger {
                    @Batch(maxSize = 0, maxWaitMillis = -1, maxConcurrentBatches = 0) // <- here
                    public List<String> tag(List<String> texts) { return texts; }
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] @Batch(maxSize) = 0 is invalid: a batch"
                + " holds at least 1 call.").inFile(source.file()).onLine(source.lineOf("<- here"));
        assertThat(compilation).hadErrorContaining("@Batch(maxWaitMillis) = -1 is invalid");
        assertThat(compilation).hadErrorContaining("@Batch(maxConcurrentBatches) = 0 is invalid");
    }

    @Test
    void multiplexedLoaderWithTheWrongSignature() {
        Source source = Source.of("test.Translator", """
                package test;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.Multiplexed;
                @Deployment
                public final class Translator {
                    @Multiplexed
                    public void load(int modelId) {} // <- here
                }
                """);
        assertError(source, "[Trellis/Multiplexed] @Multiplexed method 'load' of Translator loads a model: it must be"
                + " public, take the model id as one String and return the model. For example: public Model"
                + " load(String modelId).", "<- here");
    }

    @Test
    void twoMultiplexedLoaders() {
        Source source = Source.of("test.Translator", """
                package test;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.Multiplexed;
                @Deployment
                public final class Translator {
                    @Multiplexed
                    public Object load(String modelId) { return modelId; }
                    @Multiplexed
                    public Object other(String modelId) { return modelId; } // <- here
                }
                """);
        assertError(source, "[Trellis/Multiplexed] Translator has more than one @Multiplexed method", "<- here");
    }

    @Test
    void multiplexedWithoutRoomForAModel() {
        Source source = Source.of("test.Translator", """
                package test;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.Multiplexed;
                @Deployment
                public final class Translator {
                    @Multiplexed(maxModelsPerReplica = 0) // <- here
                    public Object load(String modelId) { return modelId; }
                }
                """);
        assertError(source, "[Trellis/InvalidSetting] @Multiplexed(maxModelsPerReplica) = 0 is invalid: a replica"
                + " holds at least 1 model.", "<- here");
    }

    @Test
    void batchInAMultiplexedDeployment() {
        Source source = Source.of("test.Translator", """
                package test;
                import dev.trellis.annotations.Batch;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.Multiplexed;
                import java.util.List;
                @Deployment
                public final class Translator {
                    @Multiplexed
                    public Object load(String modelId) { return modelId; }
                    @Batch(maxSize = 4) // <- here
                    public List<String> translate(List<String> texts) { return texts; }
                }
                """);
        assertError(source, "[Trellis/Batch] @Batch on 'translate' of Translator, a @Multiplexed deployment: one batch"
                + " would mix calls for different models", "<- here");
    }

    @Test
    void aMultiplexedDeploymentsMethodShadowingWithModelId() {
        Source source = Source.of("test.Translator", """
                package test;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.Multiplexed;
                @Deployment
                public final class Translator {
                    @Multiplexed
                    public Object load(String modelId) { return modelId; }
                    public String withModelId(String id) { return id; } // <- here
                }
                """);
        assertError(source, "[Trellis/Multiplexed] Translator has a method 'withModelId(String)', but its handle's"
                + " withModelId(String) addresses models. Rename the method.", "<- here");
    }
}
