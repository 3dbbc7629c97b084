package io.jcrun.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.jcrun.spec.json.JsonTree;
import io.jcrun.spec.json.RecordJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one configured Jackson mapper for spec and image JSON. Reading ignores unknown fields (the
 * runtime spec requires it) but coerces nothing, as Go's decoder: a number is not a string and
 * {@code "1"} is not a number. Every failure is a one-line {@link SpecException} naming the JSON
 * path. Writing omits null fields and sorts map keys, as Go does.
 */
public final class SpecMapper {
  private SpecMapper() {}

  /** Holds the mapper, so that building it and loading databind wait for the first use. */
  private static final class Holder {
    static final ObjectMapper MAPPER = newMapper();
    static final ObjectWriter COMPACT = MAPPER.writer();
    static final ObjectWriter PRETTY = MAPPER.writer(goStylePrettyPrinter("  "));
    static final ObjectWriter PRETTY4 = MAPPER.writer(goStylePrettyPrinter("    "));
  }

  public static Spec readSpec(Path file) throws SpecException {
    return read(file, Spec.class);
  }

  public static Spec readSpec(InputStream in) throws SpecException {
    return read(in, Spec.class);
  }

  public static Spec readSpec(String json) throws SpecException {
    return read(json, Spec.class);
  }

  /** Reads the one JSON document in {@code file}. */
  public static <T> T read(Path file, Class<T> type) throws SpecException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw new SpecException("open " + file + ": " + ioReason(e), e);
    } catch (IOException e) {
      throw new SpecException("read " + file + ": " + ioReason(e), e);
    }
    return read(bytes, type);
  }

  /**
   * The document as a {@code type} record without databind when {@link RecordJson} can read it
   * exactly; otherwise (other types, or anything it is not sure of, errors included) Jackson's
   * answer.
   */
  private static <T> java.util.Optional<T> fast(byte[] json, Class<T> type) {
    if (!type.isRecord()) {
      return java.util.Optional.empty();
    }
    try {
      String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .decode(java.nio.ByteBuffer.wrap(json)).toString();
      return java.util.Optional.ofNullable(RecordJson.read(JsonTree.parse(text), type));
    } catch (java.nio.charset.CharacterCodingException | SpecException
        | RecordJson.Unsupported e) {
      return java.util.Optional.empty();
    }
  }

  /** Reads one JSON document from {@code in}, which stays open. */
  public static <T> T read(InputStream in, Class<T> type) throws SpecException {
    try {
      return parse(Holder.MAPPER.createParser(in), type);
    } catch (SpecException e) {
      throw e;
    } catch (IOException e) {
      throw new SpecException("read: " + ioReason(e), e);
    }
  }

  public static <T> T read(String json, Class<T> type) throws SpecException {
    java.util.Optional<T> quick = fast(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        type);
    if (quick.isPresent()) {
      return quick.get();
    }
    try {
      return parse(Holder.MAPPER.createParser(json), type);
    } catch (SpecException e) {
      throw e;
    } catch (IOException e) {
      throw new SpecException(ioReason(e), e);
    }
  }

  /** Reads UTF-8 JSON, such as a blob whose digest was checked over the same bytes. */
  public static <T> T read(byte[] json, Class<T> type) throws SpecException {
    java.util.Optional<T> quick = fast(json, type);
    if (quick.isPresent()) {
      return quick.get();
    }
    try {
      return parse(Holder.MAPPER.createParser(json), type);
    } catch (SpecException e) {
      throw e;
    } catch (IOException e) {
      throw new SpecException(ioReason(e), e);
    }
  }

  /** Compact JSON on one line, without a trailing newline. */
  public static String write(Object value) {
    return write(Holder.COMPACT, value);
  }

  /**
   * Indented JSON as Go's {@code json.MarshalIndent(v, "", " ")} writes it, without a trailing
   * newline: the form of {@code config.json} and of {@code state}'s output.
   */
  public static String writePretty(Object value) {
    return write(Holder.PRETTY, value);
  }

  /** As {@link #writePretty(Object)} with four-space indents: how runc prints {@code features}. */
  public static String writePretty4(Object value) {
    return write(Holder.PRETTY4, value);
  }

  private static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Only a type that is not JSON-shaped gets here: a programming error, not bad input.
      throw new IllegalArgumentException(
          "cannot write " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static <T> T parse(JsonParser parser, Class<T> type) throws IOException {
    try (parser) {
      try {
        if (parser.nextToken() == null) {
          throw JacksonErrorTranslator.malformed(
              parser.currentLocation(), "unexpected end of input", null);
        }
        T value = Holder.MAPPER.readValue(parser, type);
        if (value == null) {
          throw JacksonErrorTranslator.nullDocument(type);
        }
        // Go's json.Unmarshal rejects trailing data; Jackson would silently stop reading.
        if (parser.nextToken() != null) {
          throw JacksonErrorTranslator.malformed(
              parser.currentTokenLocation(), "unexpected data after the top-level value", null);
        }
        return value;
      } catch (JacksonException e) {
        throw JacksonErrorTranslator.translate(e);
      }
    }
  }

  private static String ioReason(IOException e) {
    return switch (e) {
      case NoSuchFileException _ -> "no such file or directory";
      case AccessDeniedException _ -> "permission denied";
      case FileSystemException fs when fs.getReason() != null ->
          JacksonErrorTranslator.lowerFirst(fs.getReason());
      case IOException other when other.getMessage() != null ->
          JacksonErrorTranslator.lowerFirst(other.getMessage());
      default -> e.getClass().getSimpleName();
    };
  }

  private static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(
            LogicalType.Textual,
            config ->
                config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        // Callers own their streams: stdin and stdout must survive a read or a write.
        .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();
  }

  /**
   * {@code indent} per level, {@code "key": value}, one array element per line, {@code []} and
   * {@code {}}.
   */
  private static DefaultPrettyPrinter goStylePrettyPrinter(String indent) {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }
}
