package io.jcrun.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigInteger;

/** Reads a JSON integer in [0, 2^64) into a {@link Uint64} {@code Long}. */
final class Uint64Deserializer extends StdScalarDeserializer<Long> {
  private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);

  Uint64Deserializer() {
    super(Long.class);
  }

  @Override
  public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
      return (Long) ctxt.handleUnexpectedToken(Long.class, p);
    }
    if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      long value = p.getLongValue();
      if (value < 0) {
        throw JsonMappingException.from(p, "expected an unsigned integer, got " + value);
      }
      return value;
    }
    BigInteger value = p.getBigIntegerValue();
    if (value.signum() < 0) {
      throw JsonMappingException.from(p, "expected an unsigned integer, got " + value);
    }
    if (value.compareTo(TWO_TO_THE_64) >= 0) {
      throw JsonMappingException.from(
          p, "number " + value + " is out of range for an unsigned 64-bit integer");
    }
    return value.longValue();
  }
}
