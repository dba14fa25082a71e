package dev.trellis.runtime.onnx;

import ai.onnxruntime.TensorInfo.OnnxTensorType;
import java.util.Optional;

/** The tensor element types Trellis's helpers carry, named as ONNX names them. */
public enum ElementType {
    FLOAT32("float32", OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT),
    FLOAT64("float64", OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE),
    INT64("int64", OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64),
    INT32("int32", OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32),
    INT8("int8", OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8),
    UINT8("uint8", OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8),
    BOOL("bool", OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL);

    private final String onnxName;
    private final OnnxTensorType onnxType;

    ElementType(String onnxName, OnnxTensorType onnxType) {
        this.onnxName = onnxName;
        this.onnxType = onnxType;
    }

    /** The element type of an ONNX tensor, if the helpers carry it. */
    static Optional<ElementType> of(OnnxTensorType onnxType) {
        for (ElementType type : values()) {
            if (type.onnxType == onnxType) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** How ONNX names the type of a tensor this type's helpers cannot carry, for messages. */
    static String describe(OnnxTensorType onnxType) {
        return of(onnxType).map(ElementType::toString)
                .orElseGet(() -> onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(
                        java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return onnxName;
    }
}
