package dev.trellis.runtime.grpc;

/**
 * Where a server listens, as a user writes it: {@code "host:port"}, with IPv6 hosts in brackets
 * ({@code "[::1]:8000"}). Parsed here rather than by grpc-java's name resolver so that a typo fails at
 * once, with the expected form in the message, instead of at the first call.
 */
record HostAndPort(String host, int port) {

    static HostAndPort parse(String target) {
        if (target == null) {
            throw new IllegalArgumentException(invalid("null", "it is missing"));
        }
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new IllegalArgumentException(invalid(target, "it has no host or no port"));
        }
        String host = target.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(invalid(target, "an IPv6 host must be in brackets"));
        }
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(invalid(target, "the port is not a number"), e);
        }
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException(invalid(target, "the host is blank or the port is not 1 to 65535"));
        }
        return new HostAndPort(host, port);
    }

    private static String invalid(String target, String why) {
        return "Target '" + target + "' is not \"host:port\" (" + why + "); write it like \"localhost:8000\"";
    }
}
