package io.jcrun.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigInteger;

/** Writes a {@link Uint64} value as an unsigned decimal number. */
final class Uint64Serializer extends StdSerializer<Long> {
  Uint64Serializer() {
    super(Long.class);
  }

  @Override
  public void serialize(Long value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    if (value >= 0) {
      gen.writeNumber(value);
    } else {
      gen.writeNumber(new BigInteger(Long.toUnsignedString(value)));
    }
  }
}
