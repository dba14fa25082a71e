package fixtures.greetings;

import dev.trellis.runtime.wire.WireCodec;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import javax.annotation.processing.Generated;

/**
 * Encodes {@link Reply} in protobuf's wire format.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class ReplyWireCodec implements WireCodec<Reply> {
  public static final ReplyWireCodec INSTANCE = new ReplyWireCodec();

  private ReplyWireCodec() {
  }

  @Override
  public void write(WireWriter out, Reply value) {
    String text = value.text();
    if (text != null) {
      out.string(1, text);
    }
  }

  @Override
  public Reply read(WireReader in) {
    String text = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Reply.text");
          text = in.readString();
        }
        default -> in.skipField(tag);
      }
    }
    return new Reply(text);
  }
}
