package dev.trellis.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.testapp.HelloApplication;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplicationsTest {

    @Test
    void findsTheApplicationRegisteredOnTheClassPath() {
        // The process tests register two more hand-written applications, health-test and scaled-test.
        assertEquals(List.of("health-test", "hello", "scaled-test"),
                Applications.all().stream().map(ApplicationGraph::name).toList());
        assertInstanceOf(HelloApplication.class, Applications.find("hello"));
        assertInstanceOf(HelloApplication.class, Applications.select(Optional.of("hello")));
    }

    @Test
    void anUnknownNameListsTheApplicationsThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Applications.find("nope"));

        assertEquals("No Trellis application named 'nope'; available: [health-test, hello, scaled-test]",
                e.getMessage());
    }

    @Test
    void withoutANameTheOnlyApplicationIsChosenAndSeveralAreAnError() {
        ApplicationGraph ocr = new NamedGraph("ocr");
        ApplicationGraph hello = new NamedGraph("hello");

        assertSame(ocr, Applications.select(List.of(ocr), Optional.empty()));
        assertSame(hello, Applications.select(List.of(hello, ocr), Optional.of("hello")));
        IllegalArgumentException several = assertThrows(IllegalArgumentException.class,
                () -> Applications.select(List.of(hello, ocr), Optional.empty()));
        assertTrue(several.getMessage().contains("[hello, ocr]") && several.getMessage().contains("-Dtrellis.app"),
                several.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Applications.select(List.of(), Optional.empty()));
        assertTrue(none.getMessage().startsWith("No Trellis application found"), none.getMessage());
    }

    @Test
    void twoApplicationsOfOneNameAreAnError() {
        List<ApplicationGraph> graphs = List.of(new NamedGraph("hello"), new NamedGraph("hello"));

        assertThrows(IllegalArgumentException.class, () -> Applications.find(graphs, "hello"));
    }

    private record NamedGraph(String name) implements ApplicationGraph {

        @Override
        public String ingress() {
            return "Ingress";
        }

        @Override
        public List<DeploymentNode<?>> nodes() {
            return List.of();
        }

        @Override
        public List<IngressRoute> routes() {
            return List.of();
        }

        @Override
        public String manifestResource() {
            return "META-INF/trellis/" + name + ".yaml";
        }
    }
}
