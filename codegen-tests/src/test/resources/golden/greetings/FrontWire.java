package fixtures.greetings;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.graph.DeploymentWire;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The request and response messages of {@code Front}'s methods.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class FrontWire implements DeploymentWire {
  @Override
  public List<DeploymentMethod<?>> methods() {
    return List.of(FrontHandle.GREET, FrontHandle.HEALTH, FrontHandle.RESET);
  }

  @Override
  public byte[] encodeRequest(int method, Object[] args) {
    switch (method) {
      case 0 -> {
        return writeRequestGreet(args);
      }
      case 1 -> {
        return writeRequestHealth(args);
      }
      case 2 -> {
        return writeRequestReset(args);
      }
      default -> throw new IllegalArgumentException("Front has no method with index " + method);
    }
  }

  @Override
  public Object[] decodeRequest(int method, byte[] bytes) {
    switch (method) {
      case 0 -> {
        return readRequestGreet(new WireReader(bytes));
      }
      case 1 -> {
        return readRequestHealth(new WireReader(bytes));
      }
      case 2 -> {
        return readRequestReset(new WireReader(bytes));
      }
      default -> throw new IllegalArgumentException("Front has no method with index " + method);
    }
  }

  @Override
  public byte[] encodeResponse(int method, Object result) {
    switch (method) {
      case 0 -> {
        return writeResponseGreet(result);
      }
      case 1 -> {
        return writeResponseHealth(result);
      }
      case 2 -> {
        return writeResponseReset(result);
      }
      default -> throw new IllegalArgumentException("Front has no method with index " + method);
    }
  }

  @Override
  public Object decodeResponse(int method, byte[] bytes) {
    switch (method) {
      case 0 -> {
        return readResponseGreet(new WireReader(bytes));
      }
      case 1 -> {
        return readResponseHealth(new WireReader(bytes));
      }
      case 2 -> {
        return readResponseReset(new WireReader(bytes));
      }
      default -> throw new IllegalArgumentException("Front has no method with index " + method);
    }
  }

  private static byte[] writeRequestGreet(Object[] args) {
    WireWriter out = new WireWriter();
    Request request = (Request) args[0];
    if (request != null) {
      out.message(1, request, RequestWireCodec.INSTANCE);
    }
    return out.toByteArray();
  }

  private static Object[] readRequestGreet(WireReader in) {
    Request request = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Front.greet(request).request");
          request = in.readMessage(RequestWireCodec.INSTANCE);
        }
        default -> in.skipField(tag);
      }
    }
    return new Object[] {request};
  }

  private static byte[] writeResponseGreet(Object result) {
    WireWriter out = new WireWriter();
    Reply valueField = (Reply) result;
    if (valueField != null) {
      out.message(1, valueField, ReplyWireCodec.INSTANCE);
    }
    return out.toByteArray();
  }

  private static Object readResponseGreet(WireReader in) {
    Reply valueField = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Front.greet(response).value");
          valueField = in.readMessage(ReplyWireCodec.INSTANCE);
        }
        default -> in.skipField(tag);
      }
    }
    return valueField;
  }

  private static byte[] writeRequestHealth(Object[] args) {
    WireWriter out = new WireWriter();
    return out.toByteArray();
  }

  private static Object[] readRequestHealth(WireReader in) {
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        default -> in.skipField(tag);
      }
    }
    return new Object[] {};
  }

  private static byte[] writeResponseHealth(Object result) {
    WireWriter out = new WireWriter();
    String valueField = (String) result;
    if (valueField != null) {
      out.string(1, valueField);
    }
    return out.toByteArray();
  }

  private static Object readResponseHealth(WireReader in) {
    String valueField = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Front.health(response).value");
          valueField = in.readString();
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
