package dev.trellis.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trellis.runtime.config.YamlSchema.Field;
import dev.trellis.runtime.config.YamlSchema.Fields;
import dev.trellis.runtime.config.YamlSchema.ListOf;
import java.util.List;
import java.util.Map;

/**
 * Writes a deployment YAML for people to read and edit: fields in the order of
 * {@link DeploymentYamlSchema}, each under a comment that says what it does, values written as JSON
 * scalars and flow collections (which YAML reads as written). What it writes reads back as the same
 * values.
 */
final class DeploymentYamlWriter {

    /**
     * JSON with every character outside printable ASCII escaped (\\uXXXX): YAML 1.1 readers refuse some
     * (DEL, C1 controls) in a file and fold others (NEL, the line and paragraph separators) into spaces,
     * while an escape reads back as the character it stands for.
     */
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    static {
        JSON.getFactory().configure(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(),
                true);
        JSON.getFactory().setCharacterEscapes(new com.fasterxml.jackson.core.io.CharacterEscapes() {
            private final int[] ascii = standardAsciiEscapesForJSON();

            {
                ascii[0x7F] = ESCAPE_STANDARD;
            }

            @Override
            public int[] getEscapeCodesForAscii() {
                return ascii;
            }

            @Override
            public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
                return null; // the standard \\uXXXX
            }
        });
    }

    private final StringBuilder out = new StringBuilder();

    private DeploymentYamlWriter() {}

    /**
     * The file holding {@code applications}, each a map of the fields of
     * {@link DeploymentYamlSchema#APPLICATION}, after the {@code header} lines (each written as a comment).
     */
    static String write(List<Map<String, Object>> applications, List<String> header) {
        DeploymentYamlWriter writer = new DeploymentYamlWriter();
        header.forEach(line -> writer.out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
        writer.out.append("applications:\n");
        for (Map<String, Object> application : applications) {
            writer.item(application, DeploymentYamlSchema.APPLICATION, 2);
        }
        return writer.out.toString();
    }

    /** One item of a list: a dash, then its fields, the first on the dash's line. */
    private void item(Map<String, Object> values, Fields schema, int indent) {
        boolean first = true;
        for (Field field : schema.fields()) {
            if (!values.containsKey(field.name())) {
                continue;
            }
            if (first) {
                comment(field, indent);
                out.append(" ".repeat(indent)).append("- ");
                value(field, values.get(field.name()), indent + 2);
                first = false;
            } else {
                comment(field, indent + 2);
                out.append(" ".repeat(indent + 2));
                value(field, values.get(field.name()), indent + 2);
            }
        }
    }

    private void fields(Map<String, Object> values, Fields schema, int indent) {
        for (Field field : schema.fields()) {
            if (values.containsKey(field.name())) {
                comment(field, indent);
                out.append(" ".repeat(indent));
                value(field, values.get(field.name()), indent);
            }
        }
    }

    /** {@code name: value} from the current column; nested mappings and lists on the lines after it. */
    @SuppressWarnings("unchecked")
    private void value(Field field, Object value, int indent) {
        out.append(field.name()).append(':');
        if (field.type() instanceof Fields nested && value instanceof Map<?, ?> map) {
            out.append('\n');
            fields((Map<String, Object>) map, nested, indent + 2);
        } else if (field.type() instanceof YamlSchema.MapOf named && named.values() instanceof Fields nested
                && value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append('\n');
            ((Map<String, Object>) map).forEach((key, entry) -> {
                out.append(" ".repeat(indent + 2)).append(scalar(key)).append(":\n");
                fields((Map<String, Object>) entry, nested, indent + 4);
            });
        } else if (field.type() instanceof ListOf list && list.items() instanceof Fields items
                && value instanceof List<?> entries) {
            if (entries.isEmpty()) {
                out.append(" []\n");
                return;
            }
            out.append('\n');
            for (Object entry : entries) {
                item((Map<String, Object>) entry, items, indent + 2);
            }
        } else {
            out.append(' ').append(scalar(value)).append('\n');
        }
    }

    private void comment(Field field, int indent) {
        if (!field.name().equals("name")) {
            out.append(" ".repeat(indent)).append("# ").append(field.help()).append('\n');
        }
    }

    /** A value as JSON, which YAML reads as the same value: strings quoted, maps and lists in flow style. */
    private static String scalar(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a deployment YAML holds plain values, not " + value, e);
        }
    }
}
