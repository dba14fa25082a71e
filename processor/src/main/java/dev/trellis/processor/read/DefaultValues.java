package dev.trellis.processor.read;

import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Parses a {@code @Default} text as its entry's type and writes it as a YAML scalar. */
final class DefaultValues {

    private DefaultValues() {}

    /** The value as YAML, or empty if it is not a valid value of {@code type}. */
    static Optional<String> asYaml(TypeMirror type, String text) {
        String kind = type.getKind().isPrimitive() ? type.getKind().name()
                : boxKind(type);
        try {
            return switch (kind) {
                case "INT" -> Optional.of(Integer.toString(Integer.parseInt(text.trim())));
                case "LONG" -> Optional.of(Long.toString(Long.parseLong(text.trim())));
                case "SHORT" -> Optional.of(Short.toString(Short.parseShort(text.trim())));
                case "BYTE" -> Optional.of(Byte.toString(Byte.parseByte(text.trim())));
                case "DOUBLE" -> finite(Double.parseDouble(text.trim()));
                case "FLOAT" -> Float.isFinite(Float.parseFloat(text.trim()))
                        ? Optional.of(Float.toString(Float.parseFloat(text.trim()))) : Optional.empty();
                case "BOOLEAN" -> text.equals("true") || text.equals("false") ? Optional.of(text) : Optional.empty();
                case "CHAR" -> text.length() == 1 ? Optional.of(quoted(text)) : Optional.empty();
                case "STRING" -> Optional.of(quoted(text));
                case "ENUM" -> isConstant(type, text) ? Optional.of(quoted(text)) : Optional.empty();
                default -> Optional.empty();
            };
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> finite(double value) {
        return Double.isFinite(value) ? Optional.of(Double.toString(value)) : Optional.empty();
    }

    private static String boxKind(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return "";
        }
        Element element = ((DeclaredType) type).asElement();
        if (element.getKind() == ElementKind.ENUM) {
            return "ENUM";
        }
        return switch (element.getSimpleName().toString()) {
            case "Integer" -> "INT";
            case "Character" -> "CHAR";
            default -> element.getSimpleName().toString().toUpperCase(java.util.Locale.ROOT);
        };
    }

    private static boolean isConstant(TypeMirror type, String text) {
        return ((DeclaredType) type).asElement().getEnclosedElements().stream()
                .anyMatch(member -> member.getKind() == ElementKind.ENUM_CONSTANT
                        && member.getSimpleName().contentEquals(text));
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
