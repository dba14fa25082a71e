package dev.trellis.runtime.grpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trellis.runtime.wire.WireFormatException;

/**
 * Whatever bytes reach a replica's control service or its controller's reports, decoding them gives a
 * message or a {@link WireFormatException}: no other exception, no hang, no memory blown. Regression mode
 * (the unit suite) replays the inputs under {@code src/test/resources/.../ControlProtocolFuzzTestInputs};
 * {@code benchmarks/run-fuzz.sh} fuzzes.
 */
class ControlProtocolFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void aLoadReportDecodesOrIsRefused(byte[] bytes) {
        try {
            ControlProtocol.decodeReport(bytes);
        } catch (WireFormatException expected) {
            // the one way to refuse
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anAnnouncementDecodesOrIsRefused(byte[] bytes) {
        try {
            ControlProtocol.SetMembers.decode(bytes);
        } catch (WireFormatException expected) {
            // the one way to refuse
        }
    }

    @FuzzTest(maxDuration = "30s")
    void aConfigurationDecodesOrIsRefused(byte[] bytes) {
        try {
            ControlProtocol.decodeConfig(bytes);
        } catch (WireFormatException expected) {
            // the one way to refuse
        }
    }
}
