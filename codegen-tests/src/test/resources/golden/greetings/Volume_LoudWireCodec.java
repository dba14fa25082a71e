package fixtures.greetings;

import dev.trellis.runtime.wire.WireCodec;
import dev.trellis.runtime.wire.WireFormatException;
import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import javax.annotation.processing.Generated;

/**
 * Encodes {@link Volume.Loud} in protobuf's wire format.
 */
@Generated("dev.trellis.processor.TrellisProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Volume_LoudWireCodec implements WireCodec<Volume.Loud> {
  public static final Volume_LoudWireCodec INSTANCE = new Volume_LoudWireCodec();

  private static final Tone[] FIXTURES_GREETINGS_TONE_VALUES = Tone.values();

  private Volume_LoudWireCodec() {
  }

  @Override
  public void write(WireWriter out, Volume.Loud value) {
    int decibels = value.decibels();
    if (decibels != 0) {
      out.int32(1, decibels);
    }
    Tone tone = value.tone();
    if (tone != null) {
      out.enumValue(2, tone.ordinal());
    }
  }

  @Override
  public Volume.Loud read(WireReader in) {
    int decibels = 0;
    Tone tone = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireReader.fieldOf(tag)) {
        case 1 -> {
          in.expectWireType(tag, WireReader.VARINT, "Loud.decibels");
          decibels = in.readInt32();
        }
        case 2 -> {
          in.expectWireType(tag, WireReader.VARINT, "Loud.tone");
          tone = enumAt(FIXTURES_GREETINGS_TONE_VALUES, in.readEnum(), "Loud.tone");
        }
        default -> in.skipField(tag);
      }
    }
    return new Volume.Loud(decibels, tone);
  }

  private static <E> E enumAt(E[] values, int ordinal, String what) {
    if (ordinal < 0 || ordinal >= values.length) {
      throw new WireFormatException(what + " has no value with ordinal " + ordinal);
    }
    return values[ordinal];
  }
}
