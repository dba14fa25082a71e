package fixtures.greetings;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.graph.DeploymentWire;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The request and response messages of {@code Loud}'s methods.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class ShouterWire implements DeploymentWire {
  @Override
  public List<DeploymentMethod<?>> methods() {
    return List.of(ShouterHandle.SHOUT_TWICE, ShouterHandle.SPELL, ShouterHandle.MEASURE);
  }

  @Override
  public byte[] encodeRequest(int method, Object[] args) {
    switch (method) {
      case 0 -> {
        return writeRequestShoutTwice(args);
      }
      case 1 -> {
        return writeRequestSpell(args);
      }
      case 2 -> {
        return writeRequestMeasure(args);
      }
      default -> throw new IllegalArgumentException("Loud has no method with index " + method);
    }
  }

  @Override
  public Object[] decodeRequest(int method, byte[] bytes) {
    switch (method) {
      case 0 -> {
        return readRequestShoutTwice(new WireReader(bytes));
      }
      case 1 -> {
        return readRequestSpell(new WireReader(bytes));
      }
      case 2 -> {
        return readRequestMeasure(new WireReader(bytes));
      }
      default -> throw new IllegalArgumentException("Loud has no method with index " + method);
    }
  }

  @Override
  public byte[] encodeResponse(int method, Object result) {
    switch (method) {
      case 0 -> {
        return writeResponseShoutTwice(result);
      }
      case 1 -> {
        return writeResponseSpell(result);
      }
      case 2 -> {
        return writeResponseMeasure(result);
      }
      default -> throw new IllegalArgumentException("Loud has no method with index " + method);
    }
  }

  @Override
  public Object decodeResponse(int method, byte[] bytes) {
    switch (method) {
      case 0 -> {
        return readResponseShoutTwice(new WireReader(bytes));
      }
      case 1 -> {
        return readResponseSpell(new WireReader(bytes));
      }
      case 2 -> {
        return readResponseMeasure(new WireReader(bytes));
      }
      default -> throw new IllegalArgumentException("Loud has no method with index " + method);
    }
  }

  private static byte[] writeRequestShoutTwice(Object[] args) {
    WireWriter out = new WireWriter();
    String text = (String) args[0];
    if (text != null) {
      out.string(1, text);
    }
    boolean exclaim = (Boolean) args[1];
    if (exclaim) {
      out.bool(2, exclaim);
    }
    return out.toByteArray();
  }

  private static Object[] readRequestShoutTwice(WireReader in) {
    String text = null;
    boolean exclaim = false;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Loud.shoutTwice(request).text");
          text = in.readString();
        }
        case 2 -> {
          in.expectWireType(tag, WireReader.VARINT, "Loud.shoutTwice(request).exclaim");
          exclaim = in.readBool();
        }
        default -> in.skipField(tag);
      }
    }
    return new Object[] {text, exclaim};
  }

  private static byte[] writeResponseShoutTwice(Object result) {
    WireWriter out = new WireWriter();
    String valueField = (String) result;
    if (valueField != null) {
      out.string(1, valueField);
    }
    return out.toByteArray();
  }

  private static Object readResponseShoutTwice(WireReader in) {
    String valueField = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Loud.shoutTwice(response).value");
          valueField = in.readString();
        }
        default -> in.skipField(tag);
      }
    }
    return valueField;
  }

  private static byte[] writeRequestSpell(Object[] args) {
    WireWriter out = new WireWriter();
    String text = (String) args[0];
    if (text != null) {
      out.string(1, text);
    }
    return out.toByteArray();
  }

  private static Object[] readRequestSpell(WireReader in) {
    String text = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Loud.spell(request).text");
          text = in.readString();
        }
        default -> in.skipField(tag);
      }
    }
    return new Object[] {text};
  }

  private static byte[] writeResponseSpell(Object result) {
    WireWriter out = new WireWriter();
    String valueField = (String) result;
    if (valueField != null) {
      out.string(1, valueField);
    }
    return out.toByteArray();
  }

  private static Object readResponseSpell(WireReader in) {
    String valueField = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Loud.spell(response).value");
          valueField = in.readString();
        }
        default -> in.skipField(tag);
      }
    }
    return valueField;
  }

  private static byte[] writeRequestMeasure(Object[] args) {
    WireWriter out = new WireWriter();
    String text = (String) args[0];
    if (text != null) {
      out.string(1, text);
    }
    return out.toByteArray();
  }

  private static Object[] readRequestMeasure(WireReader in) {
    String text = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Loud.measure(request).text");
          text = in.readString();
        }
        default -> in.skipField(tag);
      }
    }
    return new Object[] {text};
  }

  private static byte[] writeResponseMeasure(Object result) {
    WireWriter out = new WireWriter();
    Volume valueField = (Volume) result;
    if (valueField != null) {
      out.message(1, valueField, VolumeWireCodec.INSTANCE);
    }
    return out.toByteArray();
  }

  private static Object readResponseMeasure(WireReader in) {
    Volume valueField = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Loud.measure(response).value");
          valueField = in.readMessage(VolumeWireCodec.INSTANCE);
        }
        default -> in.skipField(tag);
      }
    }
    return valueField;
  }
}
