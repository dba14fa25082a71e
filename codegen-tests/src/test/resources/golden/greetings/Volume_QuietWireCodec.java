package fixtures.greetings;

import dev.trellis.runtime.wire.WireCodec;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import javax.annotation.processing.Generated;

/**
 * Encodes {@link Volume.Quiet} in protobuf's wire format.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Volume_QuietWireCodec implements WireCodec<Volume.Quiet> {
  public static final Volume_QuietWireCodec INSTANCE = new Volume_QuietWireCodec();

  private Volume_QuietWireCodec() {
  }

  @Override
  public void write(WireWriter out, Volume.Quiet value) {
  }

  @Override
  public Volume.Quiet read(WireReader in) {
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        default -> in.skipField(tag);
      }
    }
    return new Volume.Quiet();
  }
}
