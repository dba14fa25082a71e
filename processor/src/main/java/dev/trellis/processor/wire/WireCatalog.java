package dev.trellis.processor.wire;

import com.palantir.javapoet.ClassName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every record, sealed interface and enum that crossed an edge in this compilation, resolved once and
 * shared by the codec writers and the .proto writer.
 */
public final class WireCatalog {

    private final Map<ClassName, WireDefinition> definitions = new HashMap<>();

    void add(WireDefinition definition) {
        definitions.put(definition.type(), definition);
    }

    /** The types defined so far. */
    java.util.Set<ClassName> types() {
        return java.util.Set.copyOf(definitions.keySet());
    }

    /** Forgets every definition but those of {@code types}. */
    void keepOnly(java.util.Set<ClassName> types) {
        definitions.keySet().retainAll(types);
    }

    boolean contains(ClassName type) {
        return definitions.containsKey(type);
    }

    public Optional<WireDefinition> find(ClassName type) {
        return Optional.ofNullable(definitions.get(type));
    }

    /** The definitions {@code roots} need, directly or through their fields, in first-seen order. */
    public List<WireDefinition> closure(List<WireType> roots) {
        Set<ClassName> seen = new LinkedHashSet<>();
        Deque<WireType> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            WireType type = pending.removeFirst();
            switch (type) {
                case WireType.MessageType message -> visit(message.javaType(), seen, pending);
                case WireType.EnumType enumType -> visit(enumType.javaType(), seen, pending);
                case WireType.Repeated repeated -> pending.addLast(repeated.element());
                case WireType.MapType map -> pending.addLast(map.value());
                case WireType.OptionalType optional -> pending.addLast(optional.element());
                case WireType.Scalar ignored -> { }
                case WireType.PrimitiveArray ignored -> { }
            }
        }
        List<WireDefinition> closure = new ArrayList<>();
        for (ClassName type : seen) {
            closure.add(definitions.get(type));
        }
        return closure;
    }

    private void visit(ClassName type, Set<ClassName> seen, Deque<WireType> pending) {
        if (!seen.add(type)) {
            return;
        }
        switch (definitions.get(type)) {
            case WireDefinition.RecordDefinition record ->
                    record.fields().forEach(field -> pending.addLast(field.type()));
            case WireDefinition.SealedDefinition sealed ->
                    sealed.variants().forEach(variant -> pending.addLast(new WireType.MessageType(variant)));
            case WireDefinition.EnumDefinition ignored -> { }
        }
    }
}
