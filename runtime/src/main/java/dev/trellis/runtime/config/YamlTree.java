package dev.trellis.runtime.config;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document read as a tree of plain values, each with the line and column where it starts, so that
 * every problem found in it can point there. SnakeYAML only composes the document into nodes; nothing is
 * constructed from it, so no tag can make it instantiate a type. Reading is bounded: the text's size, the
 * nesting depth, the aliases of collections, and the number of values the tree holds once aliases are
 * expanded (a document of a few lines can otherwise stand for billions of values).
 */
final class YamlTree {

    /** The largest document read, in characters: a deployment YAML is a few kilobytes. */
    static final int MAX_CHARACTERS = 1024 * 1024;
    /** How deep collections may nest. */
    static final int MAX_DEPTH = 32;
    /** How many aliases may stand for collections. */
    static final int MAX_COLLECTION_ALIASES = 50;
    /** How many values the tree may hold once every alias is expanded. */
    static final int MAX_VALUES = 100_000;

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9](_?[0-9])*)");

    /** A value of the tree: a scalar, a sequence or a mapping. */
    sealed interface Value permits Scalar, Sequence, Mapping {
        SourcePosition position();

        /** What the value is, for messages: "the string \"x\"", "a mapping". */
        String describe();
    }

    /**
     * A scalar: {@code value} is a {@link String}, {@link Integer}, {@link Long}, {@link BigInteger},
     * {@link Double}, {@link Boolean}, or null for YAML's null; {@code text} is how the file wrote it;
     * {@code reported} when reading found it wrong and said so.
     */
    record Scalar(Object value, String text, SourcePosition position, boolean reported) implements Value {
        Scalar(Object value, String text, SourcePosition position) {
            this(value, text, position, false);
        }

        /** A value whose problem reading reported already, which checks then pass over. */
        static Scalar invalid(String text, SourcePosition position) {
            return new Scalar(null, text, position, true);
        }

        @Override
        public String describe() {
            if (value == null) {
                return "nothing (null)";
            }
            return value instanceof String ? "the string \"" + shown(text) + "\"" : shown(text);
        }
    }

    record Sequence(List<Value> items, SourcePosition position) implements Value {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A mapping whose keys are strings, in the file's order; each key has the position of its key. */
    record Mapping(Map<String, Value> entries, Map<String, SourcePosition> keys, SourcePosition position) implements Value {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** What reading gave: the root (null when the text holds no document or could not be read) and problems. */
    record Read(Value root, List<ConfigProblem> problems) {}

    /** {@code text} as a message shows it: whole when short, else its start, so no message repeats a huge value. */
    static String shown(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static SourcePosition at(Mark mark) {
        return mark == null ? SourcePosition.START : new SourcePosition(mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** How many characters of scalars the tree may hold once aliases are expanded: a scalar alias repeats its text. */
    static final long MAX_EXPANDED_CHARACTERS = 4L * MAX_CHARACTERS;

    private final List<ConfigProblem> problems = new ArrayList<>();
    private int values;
    private boolean tooLarge; // past a bound of the expanded tree: refused whole, the rest not converted
    private long characters;
    /** The collections being converted, outermost first: an alias back into one of them is a cycle. */
    private final java.util.Set<Node> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private YamlTree() {}

    /** Reads {@code text}: one YAML document. */
    static Read read(String text) {
        if (text.length() > MAX_CHARACTERS) {
            return new Read(null, List.of(new ConfigProblem(SourcePosition.START, "is " + text.length()
                    + " characters long, more than the " + MAX_CHARACTERS + " a deployment YAML may have")));
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARACTERS);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            return new Read(null, List.of(new ConfigProblem(at(e.getProblemMark()), "is not valid YAML: " + problem)));
        } catch (YAMLException e) {
            return new Read(null, List.of(new ConfigProblem(SourcePosition.START, "is not valid YAML: " + e.getMessage())));
        }
        YamlTree tree = new YamlTree();
        Value value = root == null ? null : tree.convert(root);
        return new Read(tree.tooLarge ? null : value, tree.problems);
    }

    private Value convert(Node node) {
        SourcePosition position = at(node.getStartMark());
        if (tooLarge) {
            return Scalar.invalid("", position);
        }
        if (++values > MAX_VALUES) {
            return refuseWhole(position, "holds more than " + MAX_VALUES + " values once its aliases are expanded");
        }
        if (node instanceof ScalarNode scalar) {
            characters += scalar.getValue().length();
            if (characters > MAX_EXPANDED_CHARACTERS) {
                return refuseWhole(position, "holds more than " + MAX_EXPANDED_CHARACTERS
                        + " characters of values once its aliases are expanded");
            }
            return scalar(scalar, position);
        }
        if (!open.add(node)) {
            problems.add(new ConfigProblem(position, "holds an alias to a collection that contains it: a value"
                    + " without end"));
            return Scalar.invalid("", position);
        }
        try {
            return switch (node) {
                case SequenceNode sequence -> {
                    checkTag(node, Tag.SEQ, position);
                    List<Value> items = new ArrayList<>();
                    for (Node item : sequence.getValue()) {
                        items.add(convert(item));
                    }
                    yield new Sequence(List.copyOf(items), position);
                }
                case MappingNode mapping -> mapping(mapping, position);
                default -> {
                    problems.add(new ConfigProblem(position, "holds a value of an unknown kind"));
                    yield Scalar.invalid("", position);
                }
            };
        } finally {
            open.remove(node);
        }
    }

    /** Stops the conversion: the document stands for more than may be read, so nothing of it is. */
    private Scalar refuseWhole(SourcePosition position, String problem) {
        tooLarge = true;
        problems.add(new ConfigProblem(position, problem));
        return Scalar.invalid("", position);
    }

    private Mapping mapping(MappingNode mapping, SourcePosition position) {
        checkTag(mapping, Tag.MAP, position);
        Map<String, Value> entries = new LinkedHashMap<>();
        Map<String, SourcePosition> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            SourcePosition at = at(tuple.getKeyNode().getStartMark());
            if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
                problems.add(new ConfigProblem(at, "uses a merge key (<<), which a deployment YAML does not support;"
                        + " write the fields out"));
                continue;
            }
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || key.getTag().equals(Tag.NULL)) {
                problems.add(new ConfigProblem(at, "has a key that is not a name"));
                continue;
            }
            if (entries.containsKey(key.getValue())) {
                problems.add(new ConfigProblem(at, "sets '" + shown(key.getValue()) + "' twice (first at " + keys.get(key.getValue())
                        + ")"));
                continue;
            }
            keys.put(key.getValue(), at);
            entries.put(key.getValue(), convert(tuple.getValueNode()));
        }
        return new Mapping(java.util.Collections.unmodifiableMap(entries), java.util.Collections.unmodifiableMap(keys),
                position);
    }

    private Scalar scalar(ScalarNode node, SourcePosition position) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP) || tag.equals(Tag.BINARY)) {
            return new Scalar(text, text, position); // a date stays the text it is
        }
        if (tag.equals(Tag.NULL)) {
            return new Scalar(null, text, position);
        }
        if (tag.equals(Tag.BOOL)) {
            return switch (text.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on", "y" -> new Scalar(Boolean.TRUE, text, position);
                case "false", "no", "off", "n" -> new Scalar(Boolean.FALSE, text, position);
                default -> { // only an explicit !!bool on another word gets here
                    problems.add(new ConfigProblem(position, "tags " + shown(text) + " a boolean, which it is not"));
                    yield Scalar.invalid(text, position);
                }
            };
        }
        if (tag.equals(Tag.INT)) {
            Object number = integer(text);
            if (number == null) {
                problems.add(new ConfigProblem(position, "writes the number " + text + " in a form a deployment YAML does not"
                        + " read; write it in decimal digits"));
                return Scalar.invalid(text, position);
            }
            return new Scalar(number, text, position);
        }
        if (tag.equals(Tag.FLOAT)) {
            double number;
            try {
                number = Double.parseDouble(text.replace("_", ""));
            } catch (NumberFormatException e) {
                number = Double.NaN;
            }
            if (!Double.isFinite(number)) {
                problems.add(new ConfigProblem(position, "writes " + text + ", which is not a finite number"));
                return Scalar.invalid(text, position);
            }
            return new Scalar(number, text, position);
        }
        problems.add(new ConfigProblem(position, "tags a value " + tag.getValue() + ", which a deployment YAML does not"
                + " support: it holds strings, numbers, booleans, lists and mappings only"));
        return Scalar.invalid(text, position);
    }

    /** A decimal integer as the smallest of Integer, Long and BigInteger that holds it; null in another form. */
    private static Object integer(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return null; // 0x1F, 0o17, 1:30 (YAML 1.1's base 60) read as other numbers than they look
        }
        BigInteger value = new BigInteger(text.replace("_", ""));
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private void checkTag(Node node, Tag expected, SourcePosition position) {
        if (!node.getTag().equals(expected)) {
            problems.add(new ConfigProblem(position, "tags a value " + node.getTag().getValue()
                    + ", which a deployment YAML does not support"));
        }
    }
}
