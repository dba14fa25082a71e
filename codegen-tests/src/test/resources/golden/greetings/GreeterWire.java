package fixtures.greetings;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.graph.DeploymentWire;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The request and response messages of {@code Greeter}'s methods.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class GreeterWire implements DeploymentWire {
  @Override
  public List<DeploymentMethod<?>> methods() {
    return List.of(GreeterHandle.GREET, GreeterHandle.COUNT, GreeterHandle.RESET);
  }

  @Override
  public byte[] encodeRequest(int method, Object[] args) {
    switch (method) {
      case 0 -> {
        return writeRequestGreet(args);
      }
      case 1 -> {
        return writeRequestCount(args);
      }
      case 2 -> {
        return writeRequestReset(args);
      }
      default -> throw new IllegalArgumentException("Greeter has no method with index " + method);
    }
  }

  @Override
  public Object[] decodeRequest(int method, byte[] bytes) {
    switch (method) {
      case 0 -> {
        return readRequestGreet(new WireReader(bytes));
      }
      case 1 -> {
        return readRequestCount(new WireReader(bytes));
      }
      case 2 -> {
        return readRequestReset(new WireReader(bytes));
      }
      default -> throw new IllegalArgumentException("Greeter has no method with index " + method);
    }
  }

  @Override
  public byte[] encodeResponse(int method, Object result) {
    switch (method) {
      case 0 -> {
        return writeResponseGreet(result);
      }
      case 1 -> {
        return writeResponseCount(result);
      }
      case 2 -> {
        return writeResponseReset(result);
      }
      default -> throw new IllegalArgumentException("Greeter has no method with index " + method);
    }
  }

  @Override
  public Object decodeResponse(int method, byte[] bytes) {
    switch (method) {
      case 0 -> {
        return readResponseGreet(new WireReader(bytes));
      }
      case 1 -> {
        return readResponseCount(new WireReader(bytes));
      }
      case 2 -> {
        return readResponseReset(new WireReader(bytes));
      }
      default -> throw new IllegalArgumentException("Greeter has no method with index " + method);
    }
  }

  private static byte[] writeRequestGreet(Object[] args) {
    WireWriter out = new WireWriter();
    String name = (String) args[0];
    if (name != null) {
      out.string(1, name);
    }
    return out.toByteArray();
  }

  private static Object[] readRequestGreet(WireReader in) {
    String name = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Greeter.greet(request).name");
          name = in.readString();
        }
        default -> in.skipField(tag);
      }
    }
    return new Object[] {name};
  }

  private static byte[] writeResponseGreet(Object result) {
    WireWriter out = new WireWriter();
    String valueField = (String) result;
    if (valueField != null) {
      out.string(1, valueField);
    }
    return out.toByteArray();
  }

  private static Object readResponseGreet(WireReader in) {
    String valueField = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Greeter.greet(response).value");
          valueField = in.readString();
        }
        default -> in.skipField(tag);
      }
    }
    return valueField;
  }

  @SuppressWarnings("unchecked")
  private static byte[] writeRequestCount(Object[] args) {
    WireWriter out = new WireWriter();
    List<String> names = (List<String>) args[0];
    if (names != null && !names.isEmpty()) {
      for (String item : names) {
        Objects.requireNonNull(item, "Greeter.count(request).names holds a null item; collections that cross the wire cannot hold null");
        out.string(1, item);
      }
    }
    return out.toByteArray();
  }

  private static Object[] readRequestCount(WireReader in) {
    List<String> names = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Greeter.count(request).names");
          names.add(in.readString());
        }
        default -> in.skipField(tag);
      }
    }
    return new Object[] {names};
  }

  private static byte[] writeResponseCount(Object result) {
    WireWriter out = new WireWriter();
    int valueField = (Integer) result;
    if (valueField != 0) {
      out.int32(1, valueField);
    }
    return out.toByteArray();
  }

  private static Object readResponseCount(WireReader in) {
    int valueField = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.VARINT, "Greeter.count(response).value");
          valueField = in.readInt32();
        }
        default -> in.skipField(tag);
      }
    }
    return valueField;
  }

  private static byte[] writeRequestReset(Object[] args) {
    WireWriter out = new WireWriter();
    return out.toByteArray();
  }

  private static Object[] readRequestReset(WireReader in) {
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        default -> in.skipField(tag);
      }
    }
    return new Object[] {};
  }

  private static byte[] writeResponseReset(Object result) {
    WireWriter out = new WireWriter();
    return out.toByteArray();
  }

  private static Object readResponseReset(WireReader in) {
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      in.skipField(tag);
    }
    return null;
  }
}
