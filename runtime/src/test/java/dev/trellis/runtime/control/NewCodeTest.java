package dev.trellis.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestGraph;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment's new code is checked before it rolls: it exists, is a build of the application, and the
 * deployments that keep running can read it (its service as the processor names it: "W-1" is {@code W_1}).
 */
class NewCodeTest {

    private static final String RESOURCE = "META-INF/trellis/test.proto";

    private static final String V1 = """
            service W_1 {
              rpc Work (W_WorkRequest) returns (W_WorkResponse);
            }
            message W_WorkRequest {
              optional string text = 1;
              Options options = 2;
            }
            message Options {
              optional int32 level = 1;
            }
            message W_WorkResponse {
              optional string value = 1;
            }
            service Other {
              rpc Go (Other_GoRequest) returns (Other_GoResponse);
            }
            message Other_GoRequest {
              optional string what = 1;
            }
            message Other_GoResponse {
              optional string value = 1;
            }
            """;

    @TempDir
    Path directory;

    private final TestGraph graph = new TestGraph(List.of(new DeploymentNode<>("W-1", new DeploymentSpec(1, 1, -1,
            new ResourceSpec(1, 0, 0)), List.of(), context -> new Object(), (target, method, args) -> null,
            LocalOnlyWire.INSTANCE)));

    @Test
    void anAdditionOrAChangeElsewhereRolls() throws Exception {
        String added = V1.replace("optional string value = 1;\n}\nservice Other", "optional string value = 1;\n"
                + "  optional string detail = 2;\n}\nservice Other").replace("optional string what = 1;", "optional int64 what = 1;");

        assertEquals(Optional.empty(), problem(build("v2", added)));
    }

    @Test
    void aFieldItsCallersReadThatGoesOrChangesTypeIsRefusedNamingIt() throws Exception {
        String changed = V1.replace("optional int32 level = 1;", "optional string level = 1;");

        String problem = problem(build("v2", changed)).orElseThrow();

        assertTrue(problem.startsWith("Deployment 'W-1': its new code changes the wire contract between it and deployments"
                + " that keep running"), problem);
        assertTrue(problem.contains("message Options field 1 (level): int32 became string"), problem);
    }

    @Test
    void aMissingEntryOrABuildOfNoApplicationIsRefused() throws Exception {
        String missing = problem(directory.resolve("nowhere").toString()).orElseThrow();
        Path empty = Files.createDirectories(directory.resolve("empty"));
        String noBuild = problem(empty.toString()).orElseThrow();

        assertTrue(missing.contains("names classPath entry \"" + directory.resolve("nowhere") + "\", which does not exist"),
                missing);
        assertTrue(problemOf("[]").orElseThrow().contains("names an empty classPath"));
        assertTrue(noBuild.contains("names a classPath without " + RESOURCE + ": it holds no build of application"),
                noBuild);
    }

    private Optional<String> problem(String classPath) throws Exception {
        return problemOf("[\"" + classPath + "\"]");
    }

    private Optional<String> problemOf(String classPathList) throws Exception {
        Path running = buildPath("v1", V1);
        ApplicationTarget current = ApplicationTarget.of(graph);
        DeploymentTarget next = ApplicationTarget.builder(graph).deploymentYaml(DeploymentYaml.parse(
                "applications: [{name: test, deployments: [{name: W-1, classPath: " + classPathList + "}]}]", "next"))
                .build().deployment("W-1");
        try (URLClassLoader code = new URLClassLoader(new URL[] {running.toUri().toURL()}, null)) {
            return NewCode.problem("test", RESOURCE, current.deployment("W-1").classPath(), next, code);
        }
    }

    private Path buildPath(String version, String proto) throws Exception {
        Path root = directory.resolve(version);
        Files.createDirectories(root.resolve("META-INF/trellis"));
        Files.writeString(root.resolve(RESOURCE), proto);
        return root;
    }

    private String build(String version, String proto) throws Exception {
        return buildPath(version, proto).toString();
    }
}
