package dev.trellis.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberTest {

    @Test
    void membersSurviveTheirEncoding() {
        List<Member> members = List.of(new Member("Greeter", "Greeter-0", "127.0.0.1", 40001),
                new Member("Greeter", "Greeter-3", "127.0.0.1", 40007));

        assertEquals(members, Member.decode(Member.encode(members)));
        assertEquals(List.of(), Member.decode(Member.encode(List.of())));
    }

    @Test
    void aMalformedLineIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Member.decode("Greeter\tGreeter-0\t127.0.0.1\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class,
                () -> Member.decode("Greeter\tGreeter-0\t127.0.0.1\tport\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> new Member("Greeter", "a\tb", "127.0.0.1", 1));
    }

    @Test
    void theControlRequestNamesTheDeploymentFirst() {
        byte[] request = ControlService.request("Shouter", List.of(new Member("Shouter", "Shouter-2", "127.0.0.1", 9)));

        assertEquals("Shouter\nShouter\tShouter-2\t127.0.0.1\t9\n", new String(request, StandardCharsets.UTF_8));
    }
}
