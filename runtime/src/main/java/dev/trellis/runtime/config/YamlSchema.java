package dev.trellis.runtime.config;

import dev.trellis.runtime.config.YamlTree.Mapping;
import dev.trellis.runtime.config.YamlTree.Scalar;
import dev.trellis.runtime.config.YamlTree.Sequence;
import dev.trellis.runtime.config.YamlTree.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The kinds of values a YAML file of Trellis may hold, each of which checks a value of a {@link YamlTree}
 * and says what it is in a JSON Schema: one description, read by the reader and written for editors, so
 * that the two cannot disagree.
 */
final class YamlSchema {

    private YamlSchema() {}

    /** A kind of value. */
    sealed interface Type permits WholeNumber, Decimal, Text, Choice, Texts, Fields, ListOf, MapOf, AnyMapping {

        /**
         * {@code value} checked: a {@link Long}, {@link Double}, {@link String}, {@code List} or
         * {@link Checked}, or null after recording a problem.
         *
         * @param what names the value in a message, such as "deployment 'Greeter' numReplicas"
         */
        Object check(Value value, String what, List<ConfigProblem> problems);

        /** This kind as a JSON Schema (draft 2020-12), as nested maps and lists. */
        Map<String, Object> jsonSchema();
    }

    /** A field of a mapping. */
    record Field(String name, Type type, boolean required, String help) {
        static Field optional(String name, Type type, String help) {
            return new Field(name, type, false, help);
        }
    }

    /** The fields of a mapping once checked, each with where its key is. */
    record Checked(Map<String, Object> values, Map<String, SourcePosition> keys, SourcePosition position) {

        boolean has(String field) {
            return values.containsKey(field);
        }

        @SuppressWarnings("unchecked")
        <T> T get(String field) {
            return (T) values.get(field);
        }

        /** Where {@code field}'s key is, or where the mapping starts if it is not set. */
        SourcePosition at(String field) {
            return keys.getOrDefault(field, position);
        }
    }

    /** A whole number from {@code least} to {@code most}. */
    record WholeNumber(long least, long most) implements Type {
        static WholeNumber atLeast(long least) {
            return new WholeNumber(least, Integer.MAX_VALUE);
        }

        @Override
        public Object check(Value value, String what, List<ConfigProblem> problems) {
            if (value instanceof Scalar scalar && (scalar.value() instanceof Integer || scalar.value() instanceof Long)) {
                long number = ((Number) scalar.value()).longValue();
                if (number >= least && number <= most) {
                    return number;
                }
            }
            problems.add(new ConfigProblem(value.position(), "sets " + what + " to " + value.describe()
                    + ", which is not a whole number " + (most == Integer.MAX_VALUE ? "of at least " + least
                            : "from " + least + " to " + most)));
            return null;
        }

        @Override
        public Map<String, Object> jsonSchema() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "integer");
            schema.put("minimum", least);
            schema.put("maximum", most);
            return schema;
        }
    }

    /**
     * A finite number above {@code above} (or at least it, when {@code inclusive}) and at most {@code most}.
     */
    record Decimal(double above, boolean inclusive, double most) implements Type {
        static Decimal positive() {
            return new Decimal(0, false, Double.MAX_VALUE);
        }

        static Decimal atLeast(double least) {
            return new Decimal(least, true, Double.MAX_VALUE);
        }

        static Decimal between(double least, double most) {
            return new Decimal(least, true, most);
        }

        @Override
        public Object check(Value value, String what, List<ConfigProblem> problems) {
            if (value instanceof Scalar scalar && scalar.value() instanceof Number number
                    && !(number instanceof BigInteger)) {
                double decimal = number.doubleValue();
                if ((inclusive ? decimal >= above : decimal > above) && decimal <= most) {
                    return decimal;
                }
            }
            problems.add(new ConfigProblem(value.position(), "sets " + what + " to " + value.describe()
                    + ", which is not a number " + (most < Double.MAX_VALUE ? "from " + number(above) + " to "
                            + number(most) : (inclusive ? "of at least " : "above ") + number(above))));
            return null;
        }

        @Override
        public Map<String, Object> jsonSchema() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "number");
            schema.put(inclusive ? "minimum" : "exclusiveMinimum", above);
            if (most < Double.MAX_VALUE) {
                schema.put("maximum", most);
            }
            return schema;
        }

        private static String number(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /** A string that is not blank and, if {@code pattern} is set, matches it ({@code shape} says how). */
    record Text(Pattern pattern, String shape) implements Type {
        static final Text ANY = new Text(null, "a non-blank string");

        @Override
        public Object check(Value value, String what, List<ConfigProblem> problems) {
            if (value instanceof Scalar scalar && scalar.value() instanceof String text && !text.isBlank()
                    && (pattern == null || pattern.matcher(text).matches())) {
                return text;
            }
            problems.add(new ConfigProblem(value.position(), "sets " + what + " to " + value.describe() + ", which is not "
                    + shape));
            return null;
        }

        @Override
        public Map<String, Object> jsonSchema() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "string");
            schema.put("minLength", 1);
            if (pattern != null) {
                schema.put("pattern", pattern.pattern());
            }
            return schema;
        }
    }

    /** One of a few names. */
    record Choice(List<String> choices) implements Type {
        @Override
        public Object check(Value value, String what, List<ConfigProblem> problems) {
            if (value instanceof Scalar scalar && scalar.value() instanceof String text && choices.contains(text)) {
                return text;
            }
            problems.add(new ConfigProblem(value.position(), "sets " + what + " to " + value.describe()
                    + ", which is not one of " + choices));
            return null;
        }

        @Override
        public Map<String, Object> jsonSchema() {
            return ordered("enum", choices);
        }
    }

    /** A list of non-blank strings; {@code example} shows one in messages. */
    record Texts(String example) implements Type {
        @Override
        public Object check(Value value, String what, List<ConfigProblem> problems) {
            if (value instanceof Sequence sequence && sequence.items().stream().allMatch(item -> item instanceof Scalar
                    scalar && scalar.value() instanceof String text && !text.isBlank())) {
                return sequence.items().stream().map(item -> (String) ((Scalar) item).value()).toList();
            }
            problems.add(new ConfigProblem(value.position(), "sets " + what + " to " + describe(value)
                    + ", which is not a list of non-blank strings, such as " + example));
            return null;
        }

        @Override
        public Map<String, Object> jsonSchema() {
            return ordered("type", "array", "items", ordered("type", "string", "minLength", 1));
        }
    }

    /** A mapping of known fields; any other field is a problem that lists the known ones. */
    record Fields(List<Field> fields) implements Type {

        Field field(String name) {
            return fields.stream().filter(field -> field.name().equals(name)).findFirst().orElse(null);
        }

        List<String> names() {
            return fields.stream().map(Field::name).toList();
        }

        @Override
        public Object check(Value value, String what, List<ConfigProblem> problems) {
            if (!(value instanceof Mapping mapping)) {
                problems.add(new ConfigProblem(value.position(), "gives " + what + " " + value.describe()
                        + " where a mapping of " + names() + " belongs"));
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, Value> entry : mapping.entries().entrySet()) {
                Field field = field(entry.getKey());
                if (field == null) {
                    problems.add(new ConfigProblem(mapping.keys().get(entry.getKey()), "sets '" + YamlTree.shown(entry.getKey()) + "' of "
                            + what + ", which has no such field; it has " + names()));
                    continue;
                }
                Object checked = checkInside(field.type(), entry.getValue(), what + " " + field.name(), problems);
                if (checked != null) {
                    values.put(field.name(), checked);
                }
            }
            for (Field field : fields) {
                if (field.required() && !mapping.entries().containsKey(field.name())) {
                    problems.add(new ConfigProblem(mapping.position(), "gives " + what + " no " + field.name()));
                }
            }
            return new Checked(values, mapping.keys(), mapping.position());
        }

        @Override
        public Map<String, Object> jsonSchema() {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (Field field : fields) {
                Map<String, Object> property = new LinkedHashMap<>(field.type().jsonSchema());
                property.put("description", field.help());
                properties.put(field.name(), property);
            }
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", properties);
            schema.put("additionalProperties", false);
            List<String> required = fields.stream().filter(Field::required).map(Field::name).toList();
            if (!required.isEmpty()) {
                schema.put("required", required);
            }
            return schema;
        }
    }

    /** A list of values of one kind; {@code itemName} names one in messages ("deployment"). */
    record ListOf(Type items, String itemName) implements Type {
        @Override
        public Object check(Value value, String what, List<ConfigProblem> problems) {
            if (!(value instanceof Sequence sequence)) {
                problems.add(new ConfigProblem(value.position(), "gives " + what + " " + value.describe()
                        + " where a list belongs"));
                return null;
            }
            List<Object> checked = new ArrayList<>();
            for (int i = 0; i < sequence.items().size(); i++) {
                Value one = sequence.items().get(i);
                Object item = checkInside(items, one, itemName + " " + name(one).orElse("#" + (i + 1)), problems);
                if (item != null) {
                    checked.add(item);
                }
            }
            return checked;
        }

        @Override
        public Map<String, Object> jsonSchema() {
            return ordered("type", "array", "items", items.jsonSchema());
        }
    }

    /** A mapping from names the file chooses (a method's) to values of one kind. */
    record MapOf(Type values, String keyName) implements Type {
        @Override
        public Object check(Value value, String what, List<ConfigProblem> problems) {
            if (!(value instanceof Mapping mapping)) {
                problems.add(new ConfigProblem(value.position(), "gives " + what + " " + value.describe()
                        + " where a mapping from " + keyName + " names belongs"));
                return null;
            }
            Map<String, Object> checked = new LinkedHashMap<>();
            mapping.entries().forEach((key, item) -> {
                Object one = checkInside(values, item, what + " of " + keyName + " '" + YamlTree.shown(key) + "'", problems);
                if (one != null) {
                    checked.put(key, one);
                }
            });
            return new Checked(checked, mapping.keys(), mapping.position());
        }

        @Override
        public Map<String, Object> jsonSchema() {
            return ordered("type", "object", "additionalProperties", values.jsonSchema());
        }
    }

    /** A mapping of anything the file chooses, such as a deployment's {@code config}: every entry set. */
    record AnyMapping() implements Type {
        @Override
        public Object check(Value value, String what, List<ConfigProblem> problems) {
            if (!(value instanceof Mapping mapping)) {
                problems.add(new ConfigProblem(value.position(), "gives " + what + " " + value.describe()
                        + " where a mapping belongs"));
                return null;
            }
            Map<String, Object> plain = new LinkedHashMap<>();
            boolean complete = true;
            for (Map.Entry<String, Value> entry : mapping.entries().entrySet()) {
                if (reported(entry.getValue())) {
                    complete = false; // reading said what is wrong with it
                } else if (entry.getValue() instanceof Scalar scalar && scalar.value() == null) {
                    problems.add(new ConfigProblem(mapping.keys().get(entry.getKey()), "leaves " + what + " entry '"
                            + YamlTree.shown(entry.getKey()) + "' without a value"));
                    complete = false;
                } else {
                    plain.put(entry.getKey(), plain(entry.getValue()));
                }
            }
            return complete ? new Checked(plain, mapping.keys(), mapping.position()) : null;
        }

        @Override
        public Map<String, Object> jsonSchema() {
            return ordered("type", "object");
        }

        /** A value as plain Java values: strings, numbers, booleans, lists and maps. */
        private static Object plain(Value value) {
            return switch (value) {
                case Scalar scalar -> scalar.value();
                case Sequence sequence -> {
                    List<Object> items = new ArrayList<>();
                    sequence.items().forEach(item -> items.add(plain(item)));
                    yield items;
                }
                case Mapping mapping -> {
                    Map<String, Object> entries = new LinkedHashMap<>();
                    mapping.entries().forEach((key, item) -> entries.put(key, plain(item)));
                    yield entries;
                }
            };
        }
    }

    /** A map in the order of its keys and values, so that the schema's JSON is the same on every build. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * {@code value}, a part of a collection, checked as {@code type}; null, and nothing more said, when
     * reading the file already reported what is wrong with it.
     */
    private static Object checkInside(Type type, Value value, String what, List<ConfigProblem> problems) {
        return reported(value) ? null : type.check(value, what, problems);
    }

    /** Whether reading the file already reported what is wrong with {@code value}: nothing more to say. */
    private static boolean reported(Value value) {
        return value instanceof Scalar scalar && scalar.reported();
    }

    /** An item's name, quoted, when it is a mapping with a string {@code name}: "'Greeter'". */
    private static java.util.Optional<String> name(Value item) {
        if (item instanceof Mapping mapping && mapping.entries().get("name") instanceof Scalar scalar
                && scalar.value() instanceof String name && !name.isBlank()) {
            return java.util.Optional.of("'" + YamlTree.shown(name) + "'");
        }
        return java.util.Optional.empty();
    }

    /** A value in a message: a list of strings as the file wrote it, anything else as it describes itself. */
    private static String describe(Value value) {
        if (value instanceof Sequence sequence) {
            List<String> items = sequence.items().stream().limit(5).map(Value::describe).toList();
            return "[" + String.join(", ", items) + (sequence.items().size() > 5 ? ", ..." : "") + "]";
        }
        return value.describe();
    }
}
