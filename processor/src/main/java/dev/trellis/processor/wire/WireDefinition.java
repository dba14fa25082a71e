package dev.trellis.processor.wire;

import com.palantir.javapoet.ClassName;
import java.util.List;

/** A user type that becomes a protobuf message or enum: what its codec and .proto definition list. */
public sealed interface WireDefinition {

    ClassName type();

    /**
     * A record: one field per component, numbered from 1 in declaration order.
     *
     * @param type the record
     * @param fields its components
     */
    record RecordDefinition(ClassName type, List<WireField> fields) implements WireDefinition {
        public RecordDefinition {
            fields = List.copyOf(fields);
        }
    }

    /**
     * A sealed interface whose permitted subtypes are records: a message with a {@code oneof}, one field
     * per subtype numbered from 1 in the order of the {@code permits} clause.
     *
     * @param type the interface
     * @param variants the records
     */
    record SealedDefinition(ClassName type, List<ClassName> variants) implements WireDefinition {
        public SealedDefinition {
            variants = List.copyOf(variants);
        }
    }

    /**
     * An enum, encoded as its ordinal.
     *
     * @param type the enum
     * @param constants its constants in declaration order
     */
    record EnumDefinition(ClassName type, List<String> constants) implements WireDefinition {
        public EnumDefinition {
            constants = List.copyOf(constants);
        }
    }

    /**
     * One field of a message.
     *
     * @param name the Java name (record component or parameter)
     * @param number the protobuf field number
     * @param type how it is encoded
     */
    record WireField(String name, int number, WireType type) {}
}
