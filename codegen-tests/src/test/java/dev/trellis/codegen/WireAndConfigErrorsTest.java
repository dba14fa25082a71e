package dev.trellis.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Types that cannot cross the wire, and configuration that YAML cannot hold. */
class WireAndConfigErrorsTest {

    private static void assertError(Source source, String message, String marker) {
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source.file()).onLine(source.lineOf(marker));
    }

    @Test
    void wireTypeErrorNamesTheFieldPath() {
        Source source = Source.of("test.Reader", """
                package test;
                import dev.trellis.annotations.Deployment;
                import java.util.List;
                @Deployment
                public final class Reader {
                    public record Box(java.awt.Shape shape) {}
                    public record OcrResult(List<Box> boxes) {}
                    public OcrResult read(String image) { return null; } // <- here
                }
                """);
        assertError(source, "[Trellis/WireType] Result of Reader.read: OcrResult.boxes[].shape: java.awt.Shape is"
                + " not a wire type; use a record, a sealed interface of records, an enum, String, a primitive,"
                + " its box or array, or a List, Set, Map or Optional of those.", "<- here");
    }

    @Test
    void wireTypeErrorOnAParameter() {
        Source source = Source.of("test.Sink", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Sink {
                    public void take(
                            Object anything) {} // <- here
                }
                """);
        assertError(source, "[Trellis/WireType] Parameter 'anything' of Sink.take: java.lang.Object is not a wire"
                + " type", "<- here");
    }

    @Test
    void nestedCollectionsNeedARecord() {
        Source source = Source.of("test.Grid", """
                package test;
                import dev.trellis.annotations.Deployment;
                import java.util.List;
                @Deployment
                public final class Grid {
                    public void take(List<List<String>> rows) {} // <- here
                }
                """);
        assertError(source, "[Trellis/WireType] Parameter 'rows' of Grid.take: []: java.util.List<java.lang.String>"
                + " is not a wire type; collections cannot hold collections, arrays or optionals; wrap the inner one"
                + " in a record.", "<- here");
    }

    @Test
    void configurationRecordAndValuesTogether() {
        Source source = Source.of("test.Scorer", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Scorer {
                    public record Config(double threshold) {}
                    public Scorer(Config config, int extra) {} // <- here
                }
                """);
        assertError(source, "[Trellis/Config] Scorer takes a configuration record together with other"
                + " configuration parameters", "<- here");
    }

    @Test
    void configurationEntryYamlCannotHold() {
        Source source = Source.of("test.Scorer", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Scorer {
                    public record Config(java.time.Clock clock) {}
                    public Scorer(
                            Config config) {} // <- here
                }
                """);
        assertError(source, "[Trellis/Config] Configuration entry Config.clock has type java.time.Clock, which a"
                + " YAML value cannot hold", "<- here");
    }

    @Test
    void defaultThatDoesNotParse() {
        Source source = Source.of("test.Scorer", """
                package test;
                import dev.trellis.annotations.Default;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Scorer {
                    public Scorer(
                            @Default("high") double threshold) {} // <- here
                }
                """);
        assertError(source, "[Trellis/Config] @Default(\"high\") of Scorer(threshold) is not a valid double",
                "<- here");
    }

    @Test
    void defaultOnAStructuredEntry() {
        Source source = Source.of("test.Scorer", """
                package test;
                import dev.trellis.annotations.Default;
                import dev.trellis.annotations.Deployment;
                import java.util.List;
                @Deployment
                public final class Scorer {
                    public record Config(
                            @Default("a,b") List<String> words) {} // <- here
                    public Scorer(Config config) {}
                }
                """);
        assertError(source, "[Trellis/Config] @Default is on Config.words of type java.util.List<java.lang.String>",
                "<- here");
    }

    @Test
    void reconfigureMustTakeTheConfigurationRecord() {
        Source source = Source.of("test.Scorer", """
                package test;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.Reconfigure;
                @Deployment
                public final class Scorer {
                    public record Config(double threshold) {}
                    public Scorer(Config config) {}
                    @Reconfigure
                    public void reconfigure(double threshold) {} // <- here
                }
                """);
        assertError(source, "[Trellis/Reconfigure] @Reconfigure method 'reconfigure' of Scorer must be public and"
                + " take exactly one parameter, the configuration record Config", "<- here");
    }

    @Test
    void reconfigureWithoutConfiguration() {
        Source source = Source.of("test.Scorer", """
                package test;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.Reconfigure;
                @Deployment
                public final class Scorer {
                    @Reconfigure
                    public void reconfigure(String value) {} // <- here
                }
                """);
        assertError(source, "[Trellis/Reconfigure] @Reconfigure method 'reconfigure' of Scorer has nothing to"
                + " receive", "<- here");
    }

    @Test
    void twoReconfigureMethods() {
        Source source = Source.of("test.Scorer", """
                package test;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.Reconfigure;
                @Deployment
                public final class Scorer {
                    public record Config(double threshold) {}
                    public Scorer(Config config) {}
                    @Reconfigure
                    public void first(Config config) {}
                    @Reconfigure
                    public void second(Config config) {} // <- here
                }
                """);
        assertError(source, "[Trellis/Reconfigure] Scorer has more than one @Reconfigure method", "<- here");
    }

    @Test
    void healthCheckWithParameters() {
        Source source = Source.of("test.Scorer", """
                package test;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.HealthCheck;
                @Deployment
                public final class Scorer {
                    @HealthCheck
                    public boolean ready(int level) { return true; } // <- here
                }
                """);
        assertError(source, "[Trellis/HealthCheck] @HealthCheck method 'ready' of Scorer must be public, take no"
                + " parameters and return void (throw when unhealthy) or boolean (false when unhealthy)", "<- here");
    }

    @Test
    void twoHealthChecks() {
        Source source = Source.of("test.Scorer", """
                package test;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.HealthCheck;
                @Deployment
                public final class Scorer {
                    @HealthCheck
                    public void first() {}
                    @HealthCheck
                    public void second() {} // <- here
                }
                """);
        assertError(source, "[Trellis/HealthCheck] Scorer has more than one @HealthCheck method", "<- here");
    }

    @Test
    void healthCheckPeriodMustBePositive() {
        Source source = Source.of("test.Scorer", """
                package test;
                import dev.trellis.annotations.Deployment;
                import dev.trellis.annotations.HealthCheck;
                @Deployment
                public final class Scorer {
                    @HealthCheck(periodMillis = 0) // <- here
                    public void check() {}
                }
                """);
        assertError(source, "[Trellis/InvalidSetting] @HealthCheck.periodMillis = 0 is invalid", "<- here");
    }
}
