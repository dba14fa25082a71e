package dev.trellis.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failure inside the processor is one "please report" error on the class it was processing, and every
 * other class is still processed. The failure is forced with the processor's only test hook,
 * {@code -Atrellis.internal.failOn}.
 */
class InternalErrorTest {

    private static final Source BROKEN = Source.of("test.Broken", """
            package test;
            import dev.trellis.annotations.Deployment;
            @Deployment
            public final class Broken {} // <- broken
            """);

    private static final Source HEALTHY = Source.of("test.Healthy", """
            package test;
            import dev.trellis.annotations.Deployment;
            @Deployment
            public final class Healthy {
                public String ping() { return "pong"; }
            }
            """);

    /** Compiles only if HealthyHandle was generated: a missing handle would be a "cannot find symbol" error. */
    private static final Source USER = Source.of("test.User", """
            package test;
            final class User {
                static Class<?> handle() { return HealthyHandle.class; }
            }
            """);

    @Test
    void failureInOneDeploymentIsOneErrorAndTheOthersAreGenerated() {
        Compilation compilation = Compilations.compileWithOptions(
                List.of("-Atrellis.internal.failOn=test.Broken"), BROKEN, HEALTHY, USER);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Trellis/Internal] Trellis failed while processing"
                + " test.Broken: java.lang.IllegalStateException: test hook -Atrellis.internal.failOn=test.Broken."
                + " This is a bug in Trellis; please report it")
                .inFile(BROKEN.file()).onLine(BROKEN.lineOf("<- broken"));
    }

    @Test
    void failureInAnApplicationIsOneErrorOnIt() {
        Source front = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.*;
                @Ingress(path = "/front")
                @Deployment
                public final class Front {
                    @Get
                    public String status() { return "ok"; }
                }
                """);
        Source app = Source.of("test.App", """
                package test;
                import dev.trellis.annotations.Application;
                @Application(name = "shop", ingress = Front.class)
                final class App {} // <- app
                """);
        Source user = Source.of("test.User", """
                package test;
                final class User {
                    static Class<?> handle() { return FrontHandle.class; }
                }
                """);
        Compilation compilation = Compilations.compileWithOptions(
                List.of("-Atrellis.internal.failOn=test.App"), front, app, user);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Trellis/Internal] Trellis failed while processing test.App:")
                .inFile(app.file()).onLine(app.lineOf("<- app"));
    }
}
