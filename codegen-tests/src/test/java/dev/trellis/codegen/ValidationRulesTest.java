package dev.trellis.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Autoscaling bounds, GPUs against the largest node, applications against the node profiles, one ingress
 * per application, unreachable deployments.
 */
class ValidationRulesTest {

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

    private static final Source APP = Source.of("test.App", """
            package test;
            import dev.trellis.annotations.Application;
            @Application(name = "shop", ingress = Front.class) // <- app
            final class App {}
            """);

    @Test
    void everyAutoscalingMistakeIsReportedInOneCompile() {
        Source source = Source.of("test.Bad", """
                package test;
                import dev.trellis.annotations.*;
                @Deployment(
                        numReplicas = 2, // <- replicas
                        autoscaling = @Autoscaling(
                                min = -1, // <- min
                                max = 0, // <- max
                                targetOngoingRequests = 0, // <- target
                                upscaleDelayMillis = -5, // <- up
                                downscaleDelayMillis = -1, // <- down
                                downscaleToZeroDelayMillis = -2, // <- to zero
                                upscalingFactor = 0, // <- factor of up
                                downscalingFactor = Double.NaN, // <- factor of down
                                lookBackMillis = 0, // <- look back
                                metricsIntervalMillis = -100)) // <- interval
                public final class Bad {}
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorCount(11);
        assertThat(compilation).hadErrorContaining("[Trellis/ReplicasWithAutoscaling] numReplicas = 2 is set"
                + " together with autoscaling; with autoscaling the controller chooses the replica count between"
                + " min and max. Remove numReplicas").inFile(source.file()).onLine(source.lineOf("<- replicas"));
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] autoscaling.min = -1 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- min"));
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] autoscaling.max = 0 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- max"));
        assertThat(compilation).hadErrorContaining(
                "[Trellis/InvalidSetting] autoscaling.targetOngoingRequests = 0.0 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- target"));
        assertThat(compilation).hadErrorContaining(
                "[Trellis/InvalidSetting] autoscaling.upscaleDelayMillis = -5 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- up"));
        assertThat(compilation).hadErrorContaining(
                "[Trellis/InvalidSetting] autoscaling.downscaleDelayMillis = -1 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- down"));
        assertThat(compilation).hadErrorContaining(
                "[Trellis/InvalidSetting] autoscaling.downscaleToZeroDelayMillis = -2 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- to zero"));
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] autoscaling.upscalingFactor = 0.0 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- factor of up"));
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] autoscaling.downscalingFactor = NaN is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- factor of down"));
        assertThat(compilation).hadErrorContaining("[Trellis/InvalidSetting] autoscaling.lookBackMillis = 0 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- look back"));
        assertThat(compilation).hadErrorContaining(
                "[Trellis/InvalidSetting] autoscaling.metricsIntervalMillis = -100 is invalid")
                .inFile(source.file()).onLine(source.lineOf("<- interval"));
    }

    @Test
    void autoscalingBoundsOutOfOrder() {
        Source inverted = Source.of("test.Inverted", """
                package test;
                import dev.trellis.annotations.*;
                @Deployment(autoscaling = @Autoscaling(min = 5,
                        max = 2)) // <- max
                public final class Inverted {}
                """);
        Source early = Source.of("test.Early", """
                package test;
                import dev.trellis.annotations.*;
                @Deployment(autoscaling = @Autoscaling(max = 4,
                        initial = 9)) // <- initial
                public final class Early {}
                """);
        Source notANumber = Source.of("test.Endless", """
                package test;
                import dev.trellis.annotations.*;
                @Deployment(autoscaling = @Autoscaling(max = 4,
                        targetOngoingRequests = Double.POSITIVE_INFINITY)) // <- target
                public final class Endless {}
                """);
        Compilation compilation = Compilations.compile(inverted, early, notANumber);
        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation).hadErrorContaining("[Trellis/AutoscalingBounds] autoscaling.min = 5 is above"
                + " autoscaling.max = 2; the autoscaler keeps the replica count between the two. Raise max to 5"
                + " or more, or lower min to 2 or less.")
                .inFile(inverted.file()).onLine(inverted.lineOf("<- max"));
        assertThat(compilation).hadErrorContaining("[Trellis/AutoscalingBounds] autoscaling.initial = 9 is"
                + " outside [min, max] = [1, 4]; a deployment starts within its bounds. Set initial between 1 and 4, or"
                + " leave it out to start at min.").inFile(early.file()).onLine(early.lineOf("<- initial"));
        assertThat(compilation).hadErrorContaining(
                "[Trellis/InvalidSetting] autoscaling.targetOngoingRequests = Infinity is invalid")
                .inFile(notANumber.file()).onLine(notANumber.lineOf("<- target"));
    }

    @Test
    void autoscalingGoesToTheManifestAndReplicasStartAtInitial() {
        Source front = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.*;
                @Ingress(path = "/front")
                @Deployment(autoscaling = @Autoscaling(min = 0, max = 4, targetOngoingRequests = 3))
                public final class Front {
                    public Front(WorkerHandle worker) {}
                    @Get
                    public String status() { return "ok"; }
                }
                """);
        Source worker = Source.of("test.Worker", """
                package test;
                import dev.trellis.annotations.*;
                @Deployment(autoscaling = @Autoscaling(min = 1, max = 8, initial = 3, upscaleDelayMillis = 0))
                public final class Worker {}
                """);
        Compilation compilation = Compilations.compile(front, worker, APP);
        assertThat(compilation).succeededWithoutWarnings();
        String manifest = GoldenFiles.contentOf(compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/trellis/shop.yaml").orElseThrow());
        assertThat(manifest).contains("""
                  - name: "Worker"
                    class: "test.Worker"
                    maxOngoingRequests: 5
                """);
        assertThat(manifest).contains("""
                    autoscaling:
                      min: 1
                      max: 8
                      initial: 3
                      targetOngoingRequests: 2.0
                      upscaleDelayMillis: 0
                      downscaleDelayMillis: 60000
                      downscaleToZeroDelayMillis: 60000
                      upscalingFactor: 1.0
                      downscalingFactor: 1.0
                      lookBackMillis: 5000
                      metricsIntervalMillis: 100
                """);
        // An autoscaled deployment has no numReplicas: the two are exclusive, and min = 0 starts with none.
        assertThat(manifest).contains("""
                  - name: "Front"
                    class: "test.Front"
                    maxOngoingRequests: 5
                """);
        assertThat(manifest).contains("""
                    autoscaling:
                      min: 0
                      max: 4
                      initial: 0
                      targetOngoingRequests: 3.0
                """);
    }

    @Test
    void deploymentWithoutAutoscalingHasNoAutoscalingBlock() {
        Compilation compilation = Compilations.compile(FRONT, APP);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(GoldenFiles.contentOf(compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/trellis/shop.yaml").orElseThrow())).doesNotContain("autoscaling");
    }

    @Test
    void moreGpusThanTheLargestNode() {
        Source source = Source.of("test.Huge", """
                package test;
                import dev.trellis.annotations.*;
                @Deployment(resources = @Resources(cpus = 4,
                        gpus = 16)) // <- gpus
                public final class Huge {}
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Trellis/Gpus] resources.gpus = 16.0 is more than the 8 GPUs"
                + " of the largest node (-Atrellis.nodeGpus=8); no node could place one replica. Ask for 8 GPUs"
                + " or fewer, or pass -Atrellis.nodeGpus=<n>")
                .inFile(source.file()).onLine(source.lineOf("<- gpus"));
    }

    @Test
    void nodeProfileComesFromTheProcessorOption() {
        Source tooMany = Source.of("test.Four", """
                package test;
                import dev.trellis.annotations.*;
                @Deployment(resources = @Resources(gpus = 4)) // <- gpus
                public final class Four {}
                """);
        Source fits = Source.of("test.Two", """
                package test;
                import dev.trellis.annotations.*;
                @Deployment(resources = @Resources(gpus = 2))
                public final class Two {}
                """);
        Compilation compilation = Compilations.compileWithOptions(List.of("-Atrellis.nodeGpus=2"), tooMany, fits);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Trellis/Gpus] resources.gpus = 4.0 is more than the 2 GPUs"
                + " of the largest node (-Atrellis.nodeGpus=2)")
                .inFile(tooMany.file()).onLine(tooMany.lineOf("<- gpus"));
    }

    @Test
    void gpusAboveOneMustBeWhole() {
        Source source = Source.of("test.Split", """
                package test;
                import dev.trellis.annotations.*;
                @Deployment(resources = @Resources(
                        gpus = 1.5)) // <- gpus
                public final class Split {}
                """);
        Source shared = Source.of("test.Shared", """
                package test;
                import dev.trellis.annotations.*;
                @Deployment(resources = @Resources(gpus = 0.25))
                public final class Shared {}
                """);
        Compilation compilation = Compilations.compile(source, shared);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Trellis/Gpus] resources.gpus = 1.5 is above 1 but not a whole"
                + " number; a fraction shares one device, and a replica cannot hold part of a second one. Ask for"
                + " a whole number of GPUs (1 or 2), or a fraction below 1.")
                .inFile(source.file()).onLine(source.lineOf("<- gpus"));
    }

    @Test
    void unparsableNodeGpusOptionIsOneError() {
        Source source = Source.of("test.Worker", """
                package test;
                import dev.trellis.annotations.*;
                @Deployment(resources = @Resources(gpus = 2))
                public final class Worker {}
                """);
        Compilation compilation = Compilations.compileWithOptions(List.of("-Atrellis.nodeGpus=lots"), source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Trellis/Option] -Atrellis.nodeGpus=lots is invalid: it is the"
                + " GPU count of the largest node a replica may run on, a whole number of 0 or more. Pass, for"
                + " example, -Atrellis.nodeGpus=8 (this compile uses 8).");
    }

    private static final Source GPU_WORKER = Source.of("test.Front", """
            package test;
            import dev.trellis.annotations.*;
            @Ingress(path = "/front")
            @Deployment(numReplicas = 3, resources = @Resources(cpus = 2, gpus = 0.5, memoryMb = 4096))
            public final class Front {
                @Get
                public String status() { return "ok"; }
            }
            """);

    @Test
    void anApplicationThatFitsOnNoNodeProfileIsAWarningSayingWhatEachLacks() {
        Compilation compilation = Compilations.compileWithOptions(
                List.of("-Atrellis.nodeProfiles=cpu:8,mem:32g;cpu:4,mem:64g,gpu:2;cpu:16,mem:8g,gpu:1"), GPU_WORKER, APP);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining("[Trellis/NodeProfiles] Application 'shop' needs 6 CPUs, 12288"
                + " MiB and 1.5 GPUs for its replicas at start and fits on none of the node profiles it may run on:"
                + " cpu:8,mem:32g: no GPU has 0.5 left for replica 1 of Front; cpu:4,mem:64g,gpu:2: needs 6 CPUs,"
                + " has 4; cpu:16,mem:8g,gpu:1: no GPU has 0.5 left for replica 3 of Front. Lower the @Resources hints"
                + " or replica counts, or deploy it on a larger node.").inFile(APP.file()).onLine(APP.lineOf("<- app"));
    }

    @Test
    void anApplicationThatFitsOnOneProfileIsFine() {
        Compilation compilation = Compilations.compileWithOptions(
                List.of("-Atrellis.nodeProfiles=cpu:2;cpu:8,mem:16g,gpu:2"), GPU_WORKER, APP);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void unparsableNodeProfilesOptionIsOneError() {
        Compilation compilation = Compilations.compileWithOptions(List.of("-Atrellis.nodeProfiles=cpu:eight"), FRONT,
                APP);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Trellis/Option] -Atrellis.nodeProfiles=cpu:eight is invalid:"
                + " 'cpu:eight' in profile 'cpu:eight' is not a number. It lists the kinds of node the application may"
                + " run on, separated by ';', each as cpu:<cores>,mem:<MiB or Ng>,gpu:<devices>, for example"
                + " -Atrellis.nodeProfiles=cpu:8,mem:32g;cpu:8,mem:64g,gpu:1 (this compile checks none).");
    }

    @Test
    void applicationThatReachesASecondIngress() {
        Source front = Source.of("test.Front", """
                package test;
                import dev.trellis.annotations.*;
                @Ingress(path = "/front")
                @Deployment
                public final class Front {
                    public Front(AdminHandle admin) {}
                    @Get
                    public String status() { return "ok"; }
                }
                """);
        Source admin = Source.of("test.Admin", """
                package test;
                import dev.trellis.annotations.*;
                @Ingress(path = "/admin")
                @Deployment
                public final class Admin {
                    @Get
                    public String status() { return "ok"; }
                }
                """);
        Compilation compilation = Compilations.compile(front, admin, APP);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Trellis/MultipleIngresses] Application 'shop' reaches two"
                + " @Ingress deployments: test.Front (its ingress) and test.Admin; only the application's ingress"
                + " receives outside traffic. Remove @Ingress from test.Admin, or stop calling it from this"
                + " application.").inFile(APP.file()).onLine(APP.lineOf("<- app"));
    }

    @Test
    void deploymentBesideAnApplicationThatNothingReachesIsAWarning() {
        Source orphan = Source.of("test.Orphan", """
                package test;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Orphan {} // <- here
                """);
        Source elsewhere = Source.of("other.Lonely", """
                package other;
                import dev.trellis.annotations.Deployment;
                @Deployment
                public final class Lonely {}
                """);
        Compilation compilation = Compilations.compile(FRONT, APP, orphan, elsewhere);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining("[Trellis/Unreachable] Deployment test.Orphan is declared"
                + " beside @Application test.App, but no application reaches it through handle parameters, so it"
                + " never runs. Take its handle (OrphanHandle) in a deployment that an application reaches, or"
                + " remove @Deployment.").inFile(orphan.file()).onLine(orphan.lineOf("<- here"));
    }

    @Test
    void deploymentReachedByAnotherApplicationIsNoWarning() {
        Source admin = Source.of("test.Admin", """
                package test;
                import dev.trellis.annotations.*;
                @Ingress(path = "/admin")
                @Deployment
                public final class Admin {
                    @Get
                    public String status() { return "ok"; }
                }
                """);
        Source adminApp = Source.of("ops.AdminApp", """
                package ops;
                import dev.trellis.annotations.Application;
                @Application(name = "admin", ingress = test.Admin.class)
                final class AdminApp {}
                """);
        Compilation compilation = Compilations.compile(FRONT, APP, admin, adminApp);
        assertThat(compilation).succeededWithoutWarnings();
    }
}
