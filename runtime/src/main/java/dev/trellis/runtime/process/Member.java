package dev.trellis.runtime.process;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One replica process as the controller announces it: which deployment it runs, its identity, and where
 * its gRPC server listens. Sent to callers as lines of text, one member per line.
 *
 * @param deployment the deployment's name
 * @param id the replica's identity, unique in the application
 * @param host where it listens
 * @param port its port
 */
record Member(String deployment, String id, String host, int port) {

    Member {
        for (String part : List.of(deployment, id, host)) {
            if (part.isEmpty() || part.contains("\t") || part.contains("\n")) {
                throw new IllegalArgumentException("not a member field: '" + part + "'");
            }
        }
    }

    static byte[] encode(List<Member> members) {
        StringBuilder text = new StringBuilder();
        for (Member member : members) {
            text.append(member.deployment).append('\t').append(member.id).append('\t').append(member.host)
                    .append('\t').append(member.port).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException if a line is not a member */
    static List<Member> decode(byte[] bytes) {
        List<Member> members = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("not a member: '" + line + "'");
            }
            members.add(new Member(parts[0], parts[1], parts[2], Integer.parseInt(parts[3])));
        }
        return members;
    }
}
