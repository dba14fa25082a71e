package dev.trellis.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Mistakes in {@code @Ingress}, {@code @Get} and {@code @Post}. */
class RouteErrorsTest {

    private static void assertError(Source source, String message, String marker) {
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source.file()).onLine(source.lineOf(marker));
    }

    private static Source ingress(String body) {
        return Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.*;
                @Ingress(path = "/front")
                @Deployment
                public final class Front {
                %s
                }
                """.formatted(body));
    }

    @Test
    void routeOnADeploymentThatIsNotTheIngress() {
        Source source = Source.of("test.Worker", """
                package test;
                import dev.trellis.annotations.*;
                @Deployment
                public final class Worker {
                    @Post
                    public String work(String input) { return input; } // <- here
                }
                """);
        assertError(source, "[Trellis/Route] @Post is on a method of Worker, which is not an @Ingress deployment",
                "<- here");
    }

    @Test
    void routeOnAMethodThatIsNotPublic() {
        Source source = ingress("""
                    @Get
                    String status() { return "ok"; } // <- here
                """);
        assertError(source, "[Trellis/Route] @Get method 'status' is not a public instance method", "<- here");
    }

    @Test
    void methodWithBothVerbs() {
        Source source = ingress("""
                    @Get @Post
                    public String status() { return "ok"; } // <- here
                """);
        assertError(source, "[Trellis/Route] Method 'status' has both @Get and @Post", "<- here");
    }

    @Test
    void getWithParameters() {
        Source source = ingress("""
                    @Get
                    public String find(String id) { return id; } // <- here
                """);
        assertError(source, "[Trellis/Route] @Get method 'find' takes 1 parameters", "<- here");
    }

    @Test
    void postWithTwoParameters() {
        Source source = ingress("""
                    @Post
                    public String add(String a, String b) { return a + b; } // <- here
                """);
        assertError(source, "[Trellis/Route] @Post method 'add' takes 2 parameters; the JSON body maps to exactly"
                + " one. Wrap them in a record.", "<- here");
    }

    @Test
    void invalidMethodPath() {
        Source source = ingress("""
                    @Post("no-slash") // <- here
                    public String run(String input) { return input; }
                """);
        assertError(source, "[Trellis/Route] @Post path \"no-slash\" is invalid", "<- here");
    }

    @Test
    void invalidIngressPath() {
        Source source = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.*;
                @Ingress(path = "front") // <- here
                @Deployment
                public final class Front {}
                """);
        assertError(source, "[Trellis/Route] @Ingress path \"front\" is invalid", "<- here");
    }

    @Test
    void twoRoutesOnOnePathAndVerb() {
        Source source = ingress("""
                    @Post("/run")
                    public String run(String input) { return input; }
                    @Post("/run")
                    public String runAgain(String input) { return input; } // <- here
                """);
        assertError(source, "[Trellis/DuplicateRoute] POST /front/run is already served by 'run'", "<- here");
    }

    @Test
    void ingressWithoutDeployment() {
        Source source = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.*;
                @Ingress(path = "/front")
                public final class Front {} // <- here
                """);
        assertError(source, "[Trellis/Ingress] test.Front is annotated @Ingress but not @Deployment", "<- here");
    }
}
