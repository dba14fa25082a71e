package dev.trellis.runtime.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wire contract of an application as its generated {@code .proto} states it: services and their
 * methods, messages and their fields by number, enums and their values. Compared with the contract a
 * project locked, it says which changes break a caller built against the lock: Trellis encodes by field
 * number, so a number whose type or cardinality changes, a field or method that goes away, or a method
 * whose messages or streaming change would be read wrongly (or not at all) by the other side. Additions
 * are safe: readers skip unknown fields. The build checks a project's contract against its lock
 * ({@code trellis:build}); the controller checks a deployment's new code against the code that runs.
 */
public final class ProtoContract {

    private static final Pattern BLOCK = Pattern.compile("^(message|service|enum)\\s+(\\w+)\\s*\\{");
    private static final Pattern ONEOF = Pattern.compile("^oneof\\s+\\w+\\s*\\{");
    private static final Pattern FIELD = Pattern.compile("^(optional\\s+|repeated\\s+)?(map<[^>]+>|[\\w.]+)\\s+(\\w+)\\s*=\\s*(\\d+)\\s*;");
    private static final Pattern ENUM_VALUE = Pattern.compile("^(\\w+)\\s*=\\s*(-?\\d+)\\s*;");
    private static final Pattern RPC = Pattern.compile(
            "^rpc\\s+(\\w+)\\s*\\(\\s*(stream\\s+)?(\\w+)\\s*\\)\\s*returns\\s*\\(\\s*(stream\\s+)?(\\w+)\\s*\\)\\s*;");

    /** A field: its type as written ({@code repeated} kept apart) and its name. */
    record Field(String type, boolean repeated, String name) {
        String describe() {
            return (repeated ? "repeated " : "") + type;
        }
    }

    private final Map<String, Map<String, String>> services = new LinkedHashMap<>(); // service -> method -> shape
    private final Map<String, Map<Integer, Field>> messages = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> enums = new LinkedHashMap<>();

    private ProtoContract() {}

    /** Reads the text of a generated {@code .proto}. */
    public static ProtoContract parse(String proto) {
        ProtoContract contract = new ProtoContract();
        String kind = null;
        String name = null;
        for (String raw : proto.split("\n")) {
            String line = raw.strip();
            int comment = line.indexOf("//");
            if (comment >= 0) {
                line = line.substring(0, comment).strip();
            }
            if (line.isEmpty() || ONEOF.matcher(line).find()) {
                continue;
            }
            Matcher block = BLOCK.matcher(line);
            if (block.find()) {
                kind = block.group(1);
                name = block.group(2);
                switch (kind) {
                    case "message" -> contract.messages.put(name, new LinkedHashMap<>());
                    case "service" -> contract.services.put(name, new LinkedHashMap<>());
                    default -> contract.enums.put(name, new LinkedHashMap<>());
                }
                continue;
            }
            if (line.equals("}")) {
                continue; // the end of a block or of a oneof inside a message: fields only come inside blocks
            }
            if ("service".equals(kind)) {
                Matcher rpc = RPC.matcher(line);
                if (rpc.find()) {
                    contract.services.get(name).put(rpc.group(1), (rpc.group(2) != null ? "stream " : "") + rpc.group(3)
                            + " -> " + (rpc.group(4) != null ? "stream " : "") + rpc.group(5));
                }
            } else if ("message".equals(kind)) {
                Matcher field = FIELD.matcher(line);
                if (field.find()) {
                    contract.messages.get(name).put(Integer.parseInt(field.group(4)), new Field(
                            field.group(2).replace(" ", ""), "repeated".equals(field.group(1) == null ? "" : field.group(1).strip()),
                            field.group(3)));
                }
            } else if ("enum".equals(kind)) {
                Matcher value = ENUM_VALUE.matcher(line);
                if (value.find()) {
                    contract.enums.get(name).put(value.group(1), Integer.parseInt(value.group(2)));
                }
            }
        }
        return contract;
    }

    /**
     * What in {@code next} breaks a caller or replica built against this contract, each as
     * "where: what changed: why it breaks"; empty when every change is an addition.
     */
    public List<String> breakingChanges(ProtoContract next) {
        return breakingChanges(next, services.keySet());
    }

    /**
     * Like {@link #breakingChanges(ProtoContract)}, of the {@code only} services (the deployments of those
     * names) and the messages and enums their methods send and receive, directly or inside others.
     */
    public List<String> breakingChanges(ProtoContract next, java.util.Set<String> only) {
        java.util.Set<String> reached = reachedFrom(only);
        List<String> breaking = new ArrayList<>();
        services.forEach((service, methods) -> methods.forEach((method, shape) -> {
            if (!only.contains(service)) {
                return;
            }
            String now = next.services.getOrDefault(service, Map.of()).get(method);
            if (now == null) {
                breaking.add("rpc " + service + "." + method + ": removed: callers built against the lock still call it");
            } else if (!now.equals(shape)) {
                breaking.add("rpc " + service + "." + method + ": " + shape + " became " + now
                        + ": the other side would read other messages than it is sent");
            }
        }));
        messages.forEach((message, fields) -> {
            Map<Integer, Field> now = next.messages.get(message);
            if (now == null || !reached.contains(message)) {
                return; // a message no rpc uses any more: the rpc's own change is reported
            }
            fields.forEach((number, field) -> {
                Field changed = now.get(number);
                if (changed == null) {
                    breaking.add("message " + message + " field " + number + " (" + field.name() + "): removed: a reader"
                            + " built against the lock would silently get its default; keep the field");
                } else if (!changed.type().equals(field.type()) || changed.repeated() != field.repeated()) {
                    breaking.add("message " + message + " field " + number + " (" + field.name() + "): " + field.describe()
                            + " became " + changed.describe() + ": the same number on the wire would be read as another"
                            + " type");
                }
            });
        });
        enums.forEach((name, values) -> values.forEach((value, number) -> {
            if (!reached.contains(name)) {
                return;
            }
            Integer now = next.enums.getOrDefault(name, Map.of()).get(value);
            if (now == null) {
                breaking.add("enum " + name + " value " + value + ": removed: a reader built against the lock may still"
                        + " receive it");
            } else if (!now.equals(number)) {
                breaking.add("enum " + name + " value " + value + ": " + number + " became " + now
                        + ": the numbers on the wire would mean other values");
            }
        }));
        return breaking;
    }

    /** The messages and enums the methods of {@code only} use, and those inside them, by name. */
    private java.util.Set<String> reachedFrom(java.util.Set<String> only) {
        java.util.Set<String> reached = new java.util.HashSet<>();
        java.util.ArrayDeque<String> next = new java.util.ArrayDeque<>();
        services.forEach((service, methods) -> {
            if (only.contains(service)) {
                methods.values().forEach(shape -> {
                    for (String word : shape.split("[ >-]+")) {
                        if (!word.isEmpty() && !word.equals("stream")) {
                            next.add(word);
                        }
                    }
                });
            }
        });
        while (!next.isEmpty()) {
            String name = next.poll();
            if (!reached.add(name)) {
                continue;
            }
            messages.getOrDefault(name, Map.of()).values().forEach(field -> {
                for (String type : field.type().split("[<>,]")) {
                    String simple = type.contains(".") ? type.substring(type.lastIndexOf('.') + 1) : type;
                    if (messages.containsKey(simple) || enums.containsKey(simple)) {
                        next.add(simple);
                    }
                }
            });
        }
        return reached;
    }
}
