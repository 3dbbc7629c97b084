package io.jcrun.spec;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code Long} that holds a spec {@code uint64} as its two's complement bit pattern, so the
 * whole unsigned range round-trips: 18446744073709551615 reads as {@code -1L} and is written back
 * unchanged. Compare such values with {@link Long#compareUnsigned} and print them with {@link
 * Long#toUnsignedString}; JSON negatives are rejected, as Go's decoder rejects them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT
})
@JacksonAnnotationsInside
@JsonSerialize(using = Uint64Serializer.class)
@JsonDeserialize(using = Uint64Deserializer.class)
public @interface Uint64 {}
