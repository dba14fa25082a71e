package dev.trellis.runtime.topology.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.grpc.ControlProtocol;
import dev.trellis.runtime.routing.Router;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A replica process's routers to what it calls take the split and the limits each announcement carries. */
class RemoteMembersTest {

    @Test
    void anAnnouncementsSplitAndLimitsReachTheRouter() {
        try (RemoteMembers members = new RemoteMembers(ApplicationTarget.of(new HealthApplication()), List.of("Pinger"),
                Duration.ofSeconds(5), java.util.Optional.empty())) {
            Router pingers = (Router) members.channel("Pinger");

            members.apply(new ControlProtocol.SetMembers("Pinger", List.of(), Set.of("Pinger.canary-0"), 2_500,
                    Optional.of(new ControlProtocol.Limits(3, 7))));

            assertEquals(3, pingers.maxOngoingRequests());
            assertEquals(7, pingers.maxQueuedRequests());
            assertEquals(25.0, pingers.canaryPercent());

            members.apply(new ControlProtocol.SetMembers("Pinger", List.of()));
            assertEquals(3, pingers.maxOngoingRequests(), "an announcement without limits keeps them");
            assertEquals(0.0, pingers.canaryPercent());
        }
    }
}
