package fixtures.greetings;

import dev.trellis.runtime.wire.WireCodec;
import dev.trellis.runtime.wire.WireFormatException;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import javax.annotation.processing.Generated;

/**
 * Encodes {@link Volume} in protobuf's wire format.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class VolumeWireCodec implements WireCodec<Volume> {
  public static final VolumeWireCodec INSTANCE = new VolumeWireCodec();

  private VolumeWireCodec() {
  }

  @Override
  public void write(WireWriter out, Volume value) {
    switch (value) {
      case Volume.Quiet variant -> out.message(1, variant, Volume_QuietWireCodec.INSTANCE);
      case Volume.Loud variant -> out.message(2, variant, Volume_LoudWireCodec.INSTANCE);
    }
  }

  @Override
  public Volume read(WireReader in) {
    Volume value = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.LEN, "Volume|Quiet");
          value = in.readMessage(Volume_QuietWireCodec.INSTANCE);
        }
        case 2 -> {
          in.expectWireType(tag, WireReader.LEN, "Volume|Loud");
          value = in.readMessage(Volume_LoudWireCodec.INSTANCE);
        }
        default -> in.skipField(tag);
      }
    }
    if (value == null) {
      throw new WireFormatException("Volume holds none of its variants");
    }
    return value;
  }
}
