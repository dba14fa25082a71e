package dev.trellis.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.trellis.processor.TrellisProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * A deployment may call a deployment that another processor generates in a later round: Trellis waits
 * for it instead of reporting it missing.
 */
class RoundsTest {

    /** Generates the {@code test.Late} deployment once, in the first round, as some other processor might. */
    static final class LateDeploymentGenerator extends AbstractProcessor {

        private boolean generated;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!generated && !round.processingOver()) {
                generated = true;
                try (Writer writer = processingEnv.getFiler().createSourceFile("test.Late").openWriter()) {
                    writer.write("""
                            package test;
                            @dev.trellis.annotations.Deployment
                            public final class Late {
                                public String answer() { return "late"; }
                            }
                            """);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    @Test
    void deploymentCallingAClassOfALaterRoundIsDeferred() {
        Source front = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.*;
                @Ingress(path = "/front")
                @Deployment
                public final class Front {
                    private final LateHandle late;
                    public Front(LateHandle late) { this.late = late; }
                    @Get
                    public String ask() { return late.answer().join(); }
                }
                """);
        Source app = Source.of("test.App", """
                package test;
                import dev.trellis.annotations.Application;
                @Application(name = "rounds", ingress = Front.class)
                final class App {}
                """);

        Compilation compilation = javac()
                .withProcessors(new LateDeploymentGenerator(), new TrellisProcessor())
                .withOptions("--release", "21")
                .compile(front.file(), app.file());

        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("test.LateHandle");
        assertThat(compilation).generatedSourceFile("test.FrontHandle");
        assertThat(compilation).generatedSourceFile("test.AppGraph").contentsAsUtf8String()
                .contains("new Front(new LateHandle(context.channel(\"Late\")))");
    }
}
