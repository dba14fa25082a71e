package dev.trellis.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * A {@code @Post} body must be something Jackson can create from JSON. Types that cannot cross the wire
 * at all are reported by the wire check first; this one catches what crosses the wire but not JSON.
 */
class JsonBodyErrorsTest {

    private static final Source SHAPES = Source.of("test.Shapes", """
            package test;
            import java.util.List;
            public final class Shapes {
                public record OrderRequest(String customer, List<Item> items) {}
                public record Item(int count, Shape shape) {}
                public sealed interface Shape permits Circle, Square {}
                public record Circle(double radius) implements Shape {}
                public record Square(double side) implements Shape {}
            }
            """);

    @Test
    void bodyWithAnInterfaceDeepInside() {
        Source front = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.*;
                import java.util.Map;
                import test.Shapes.OrderRequest;
                @Ingress(path = "/front")
                @Deployment
                public final class Front {
                    @Post
                    public String run(OrderRequest request) { return "ok"; } // <- run
                    @Post("/stock")
                    public String stock(Map<Integer, String> namesById) { return "ok"; } // <- stock
                }
                """);
        Compilation compilation = Compilations.compile(front, SHAPES);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining("[Trellis/JsonBody] Parameter 'request' of Front.run:"
                + " OrderRequest.items[].shape has type test.Shapes.Shape, which JSON cannot create; use a record"
                + " of JSON values (strings, numbers, booleans, enums, lists, maps with String keys, records of these)"
                + " instead of a sealed interface").inFile(front.file()).onLine(front.lineOf("<- run"));
        assertThat(compilation).hadErrorContaining("[Trellis/JsonBody] Parameter 'namesById' of Front.stock has"
                + " type java.util.Map<java.lang.Integer,java.lang.String>, which JSON cannot create; use a record"
                + " of JSON values").inFile(front.file()).onLine(front.lineOf("<- stock"));
        assertThat(compilation).hadErrorContaining("instead of a map with java.lang.Integer keys.");
    }

    @Test
    void bodyOfJsonValuesCompiles() {
        Source front = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.*;
                import java.util.List;
                import java.util.Map;
                import java.util.Optional;
                @Ingress(path = "/front")
                @Deployment
                public final class Front {
                    public enum Color { RED, GREEN }
                    public record Node(String name, List<Node> children) {}
                    public record Body(int count, Long total, String name, Color color, List<Node> nodes,
                            Map<String, Integer> counts, Optional<String> note,
                            byte[] data, double[] weights) {}
                    @Post
                    public String run(Body body) { return "ok"; }
                    @Post("/names")
                    public int names(List<String> names) { return names.size(); }
                }
                """);
        Compilation compilation = Compilations.compile(front);
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void handleMethodsThatAreNotRoutesAreNotChecked() {
        Source worker = Source.of("test.Worker", """
                package test;
                import dev.trellis.annotations.*;
                import java.util.List;
                @Deployment
                public final class Worker {
                    public String total(List<Shapes.Shape> shapes) { return "ok"; }
                }
                """);
        Compilation compilation = Compilations.compile(worker, SHAPES);
        assertThat(compilation).succeededWithoutWarnings();
    }
}
