package fixtures.greetings;

import dev.trellis.runtime.wire.WireCodec;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import javax.annotation.processing.Generated;

/**
 * Encodes {@link Request} in protobuf's wire format.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class RequestWireCodec implements WireCodec<Request> {
  public static final RequestWireCodec INSTANCE = new RequestWireCodec();

  private RequestWireCodec() {
  }

  @Override
  public void write(WireWriter out, Request value) {
    String name = value.name();
    if (name != null) {
      out.string(1, name);
    }
  }

  @Override
  public Request read(WireReader in) {
    String name = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Request.name");
          name = in.readString();
        }
        default -> in.skipField(tag);
      }
    }
    return new Request(name);
  }
}
