package dev.trellis.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.stats.Histogram;
import dev.trellis.runtime.stats.LatencyHistogram;
import dev.trellis.runtime.stats.MethodFigures;
import dev.trellis.runtime.stats.ReplicaFigures;
import dev.trellis.runtime.wire.WireFormatException;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The controller's line into a replica process: its messages on the protobuf wire, and a real exchange. */
class ControlProtocolTest {

    @Test
    void membersSurviveTheirEncoding() {
        ControlProtocol.SetMembers announced = new ControlProtocol.SetMembers("Greeter", List.of(
                new Member("Greeter-0", "127.0.0.1", 40001), new Member("Greeter-3", "127.0.0.1", 40007)));

        assertEquals(announced, ControlProtocol.SetMembers.decode(announced.encode()));
        ControlProtocol.SetMembers none = new ControlProtocol.SetMembers("Greeter", List.of());
        assertEquals(none, ControlProtocol.SetMembers.decode(none.encode()));
    }

    @Test
    void aCanarysSplitSurvivesItsEncodingAndAShareBeyondTheWholeIsRefused() {
        ControlProtocol.SetMembers split = new ControlProtocol.SetMembers("Greeter", List.of(
                new Member("Greeter-0", "127.0.0.1", 40001), new Member("Greeter.canary-0", "127.0.0.1", 40002)),
                java.util.Set.of("Greeter.canary-0", "Greeter.canary-1"), 1250,
                Optional.of(new ControlProtocol.Limits(7, -1)));

        ControlProtocol.SetMembers decoded = ControlProtocol.SetMembers.decode(split.encode());
        assertEquals(split, decoded);
        assertEquals(12.5, decoded.canaryPercent());
        assertEquals(Optional.of(new ControlProtocol.Limits(7, -1)), decoded.limits());

        dev.trellis.runtime.wire.WireWriter tooMuch = new dev.trellis.runtime.wire.WireWriter();
        tooMuch.string(1, "Greeter");
        tooMuch.int32(3, 10_001);
        assertThrows(dev.trellis.runtime.wire.WireFormatException.class,
                () -> ControlProtocol.SetMembers.decode(tooMuch.toByteArray()));
    }

    @Test
    void aReportSurvivesItsEncoding() {
        LatencyHistogram processing = new LatencyHistogram();
        processing.record(3_000_000);
        processing.record(40_000_000_000L);
        MethodFigures detect = new MethodFigures(processing.snapshot(), Histogram.EMPTY, 5, 1, 4, 2, 3);
        LatencyHistogram loads = new LatencyHistogram();
        loads.record(700_000_000);
        LoadReport report = new LoadReport(7, Map.of("Detector", 3, "Recognizer", 0),
                Map.of("detect", new long[] {0, 4, 2}), new ReplicaFigures(Map.of("detect", detect), loads.snapshot(), 2));

        LoadReport read = ControlProtocol.decodeReport(ControlProtocol.encode(report));

        assertEquals(7, read.ongoing());
        assertEquals(report.queuedByDependency(), read.queuedByDependency());
        assertArrayEquals(new long[] {0, 4, 2}, read.batchSizes().get("detect"));
        assertEquals(report.figures(), read.figures());
        assertEquals(40_003_000_000L, read.figures().methods().get("detect").processing().sumNanos());
    }

    @Test
    void malformedMessagesAreRefused() {
        assertThrows(WireFormatException.class, () -> ControlProtocol.SetMembers.decode(new byte[] {0x0a, 0x05, 'G'}));
        WireWriter noDeployment = new WireWriter();
        noDeployment.message(2, new Member("Greeter-0", "127.0.0.1", 1), Member.CODEC);
        assertThrows(WireFormatException.class, () -> ControlProtocol.SetMembers.decode(noDeployment.toByteArray()));
        WireWriter badPort = new WireWriter();
        badPort.string(1, "Greeter-0");
        badPort.string(2, "127.0.0.1");
        badPort.int32(3, 70_000);
        assertThrows(WireFormatException.class, () -> Member.CODEC.read(new WireReader(badPort.toByteArray())));
        assertThrows(IllegalArgumentException.class, () -> new Member("", "127.0.0.1", 1));
    }

    @Test
    void aReplicaIsToldItsMembersCheckedAndAskedForItsLoad() throws Exception {
        List<ControlProtocol.SetMembers> told = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Optional<String>> health =
                new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
        ReplicaServer server = ReplicaServer.start("127.0.0.1", 0, List.of(ControlService.create(told::add,
                timeout -> health.get(), () -> new LoadReport(2, Map.of("Shouter", 1), Map.of(), ReplicaFigures.NONE))));
        try (ReplicaControl control = ReplicaControl.connect("127.0.0.1", server.port())) {
            control.announce("Shouter", List.of(new Member("Shouter-2", "127.0.0.1", 9)));
            assertEquals(List.of(new ControlProtocol.SetMembers("Shouter", List.of(new Member("Shouter-2", "127.0.0.1",
                    9)))), told);

            assertEquals(Optional.empty(), control.check(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
            health.set(Optional.of("model not loaded"));
            assertEquals(Optional.of("model not loaded"), control.check(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));

            LoadReport report = control.report().get(10, TimeUnit.SECONDS).orElseThrow();
            assertEquals(2, report.ongoing());
            assertEquals(Map.of("Shouter", 1), report.queuedByDependency());
        } finally {
            server.close();
        }
    }

    @Test
    void aReplicaThatIsGoneFailsItsCheckAndReportsNothing() throws Exception {
        ReplicaServer server = ReplicaServer.start("127.0.0.1", 0, List.of(ControlService.create(members -> {},
                timeout -> Optional.empty(), () -> new LoadReport(0, Map.of(), Map.of(), ReplicaFigures.NONE))));
        int port = server.port();
        server.close();
        try (ReplicaControl control = ReplicaControl.connect("127.0.0.1", port)) {
            assertTrue(control.check(Duration.ofSeconds(2)).get(10, TimeUnit.SECONDS).isPresent());
            assertEquals(Optional.empty(), control.report().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aReplicaTakesNewLimitsAndAConfigurationInPlaceAndSaysWhyNot() throws Exception {
        List<Object> changed = new CopyOnWriteArrayList<>();
        ReplicaServer server = ReplicaServer.start("127.0.0.1", 0, List.of(ControlService.create(members -> {},
                timeout -> Optional.empty(), () -> new LoadReport(0, Map.of(), Map.of(), ReplicaFigures.NONE), new ControlService.Changes() {
                    @Override
                    public Optional<String> setLimits(ControlProtocol.Limits limits) {
                        changed.add(limits);
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> reconfigure(Map<String, Object> config) {
                        changed.add(config);
                        return config.containsKey("broken") ? Optional.of("its @Reconfigure method threw") : Optional.empty();
                    }
                })));
        try (ReplicaControl control = ReplicaControl.connect("127.0.0.1", server.port())) {
            assertEquals(Optional.empty(), control.setLimits(new ControlProtocol.Limits(4, 20)).get(10, TimeUnit.SECONDS));
            Map<String, Object> config = Map.of("greeting", "Hallo", "times", 3L, "score", 0.5, "tags", List.of("a", "b"),
                    "nested", Map.of("on", true));
            assertEquals(Optional.empty(), control.reconfigure(config).get(10, TimeUnit.SECONDS));
            assertEquals(Optional.of("its @Reconfigure method threw"),
                    control.reconfigure(Map.of("broken", true)).get(10, TimeUnit.SECONDS));

            assertEquals(List.of(new ControlProtocol.Limits(4, 20), config, Map.of("broken", true)), changed,
                    "the values arrive as the deployment YAML gives them: whole numbers as long");
        } finally {
            server.close();
        }
    }
}
