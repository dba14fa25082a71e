package dev.trellis.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Mistakes that only show in the graph of an application. */
class ApplicationErrorsTest {

    private static final Source FRONT = Source.of("test.Front", """
            package test;
            import dev.trellis.annotations.*;
            @Ingress(path = "/front")
            @Deployment
            public final class Front {
                @Get
                public String status() { return "ok"; }
            }
            """);

    @Test
    void applicationNameThatIsNotAPathSegment() {
        Source app = Source.of("test.App", """
                package test;
                import dev.trellis.annotations.Application;
                @Application(name = "My App", ingress = Front.class) // <- here
                final class App {}
                """);
        Compilation compilation = Compilations.compile(FRONT, app);
        assertThat(compilation).hadErrorContaining("[Trellis/ApplicationName] Application name \"My App\" is"
                + " invalid; it names files and URLs, so it must match [a-z][a-z0-9-]*. Use, for example,"
                + " \"my-app\".").inFile(app.file()).onLine(app.lineOf("<- here"));
    }

    @Test
    void requestTimeoutThatIsNotPositive() {
        Source app = Source.of("test.App", """
                package test;
                import dev.trellis.annotations.Application;
                @Application(name = "shop", ingress = Front.class, requestTimeoutMillis = 0) // <- here
                final class App {}
                """);
        Compilation compilation = Compilations.compile(FRONT, app);
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] @Application(requestTimeoutMillis) = 0"
                + " is invalid: a request needs at least 1 ms.").inFile(app.file()).onLine(app.lineOf("<- here"));
    }

    @Test
    void twoApplicationsWithOneName() {
        Source first = Source.of("test.First", """
                package test;
                import dev.trellis.annotations.Application;
                @Application(name = "shop", ingress = Front.class)
                final class First {}
                """);
        Source second = Source.of("test.Second", """
                package test;
                import dev.trellis.annotations.Application;
                @Application(name = "shop", ingress = Front.class)
                final class Second {} // <- here
                """);
        Compilation compilation = Compilations.compile(FRONT, first, second);
        assertThat(compilation).hadErrorContaining("[Trellis/DuplicateName] Application name 'shop' is already"
                + " used by test.First").inFile(second.file()).onLine(second.lineOf("<- here"));
    }

    @Test
    void ingressThatIsNotADeployment() {
        Source app = Source.of("test.App", """
                package test;
                import dev.trellis.annotations.Application;
                @Application(name = "shop", ingress = String.class) // <- here
                final class App {}
                """);
        Compilation compilation = Compilations.compile(app);
        assertThat(compilation).hadErrorContaining("[Trellis/Ingress] Application 'shop' names ingress"
                + " java.lang.String, which is not annotated @Deployment").inFile(app.file())
                .onLine(app.lineOf("<- here"));
    }

    @Test
    void ingressWithoutIngressAnnotation() {
        Source worker = Source.of("test.Worker", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Worker {}
                """);
        Source app = Source.of("test.App", """
                package test;
                import dev.trellis.annotations.Application;
                @Application(name = "shop", ingress = Worker.class) // <- here
                final class App {}
                """);
        Compilation compilation = Compilations.compile(worker, app);
        assertThat(compilation).hadErrorContaining("[Trellis/Ingress] Application 'shop' names ingress"
                + " test.Worker, which is not annotated @Ingress").inFile(app.file())
                .onLine(app.lineOf("<- here"));
    }

    @Test
    void twoDeploymentsWithOneName() {
        Source front = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.*;
                @Ingress(path = "/front")
                @Deployment(name = "Worker") // <- here
                public final class Front {
                    public Front(WorkerHandle worker) {}
                }
                """);
        Source worker = Source.of("test.Worker", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment // <- here
                public final class Worker {}
                """);
        Source app = Source.of("test.App", """
                package test;
                import dev.trellis.annotations.Application;
                @Application(name = "shop", ingress = Front.class)
                final class App {}
                """);
        Compilation compilation = Compilations.compile(front, worker, app);
        // On each @Deployment, where one is renamed; the application only holds them both.
        assertThat(compilation).hadErrorContaining("[Trellis/DuplicateName] Application 'shop' has another"
                + " deployment named 'Worker': test.Worker").inFile(front.file()).onLine(front.lineOf("<- here"));
        assertThat(compilation).hadErrorContaining("[Trellis/DuplicateName] Application 'shop' has another"
                + " deployment named 'Worker': test.Front").inFile(worker.file()).onLine(worker.lineOf("<- here"));
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void cycleShowsItsPathOnTheClosingParameter() {
        Source front = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.*;
                @Ingress(path = "/front")
                @Deployment
                public final class Front {
                    public Front(AHandle a) {}
                }
                """);
        Source a = Source.of("test.A", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class A {
                    public A(BHandle b) {}
                }
                """);
        Source b = Source.of("test.B", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class B {
                    public B(AHandle a) {} // <- here
                }
                """);
        Source app = Source.of("test.App", """
                package test;
                import dev.trellis.annotations.Application;
                @Application(name = "loop", ingress = Front.class)
                final class App {}
                """);
        Compilation compilation = Compilations.compile(front, a, b, app);
        assertThat(compilation).hadErrorContaining("[Trellis/Cycle] Deployments call each other in a cycle:"
                + " A -> B -> A.").inFile(b.file()).onLine(b.lineOf("<- here"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void applicationSharingDeploymentsWithAnotherGetsItsOwnGraph() {
        Source first = Source.of("test.First", """
                package test;
                import dev.trellis.annotations.Application;
                @Application(name = "first", ingress = Front.class)
                final class First {}
                """);
        Source second = Source.of("test.Second", """
                package test;
                import dev.trellis.annotations.Application;
                @Application(name = "second", ingress = Front.class)
                final class Second {}
                """);
        Compilation compilation = Compilations.compile(FRONT, first, second);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.FirstGraph");
        assertThat(compilation).generatedSourceFile("test.SecondGraph");
    }
}
