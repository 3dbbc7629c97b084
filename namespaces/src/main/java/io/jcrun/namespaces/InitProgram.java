package io.jcrun.namespaces;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * An immutable init program: the ops {@code jcrun-init} replays, each with where it came from
 * so a failure reported as {op index, errno} becomes a message naming the call and the config
 * field. {@link #encode()} produces the wire form described in {@code program.h}.
 */
public record InitProgram(List<InitOp> ops, List<Origin> origins) {
  static final byte[] MAGIC = {'J', 'C', 'R', 'I'};
  static final int VERSION = 1;

  /** What an op does, in the syscall facade's words, and the config field that asked for it. */
  public record Origin(String call, String source) {}

  public InitProgram {
    ops = List.copyOf(ops);
    origins = List.copyOf(origins);
    if (ops.size() != origins.size()) {
      throw new IllegalArgumentException("every op needs an origin");
    }
  }

  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    out.writeBytes(MAGIC);
    writeInt(out, VERSION);
    writeInt(out, ops.size());
    for (InitOp op : ops) {
      List<Object> args = op.args();
      writeShort(out, op.code().value());
      writeShort(out, args.size());
      for (Object a : args) {
        switch (a) {
          case null -> out.write(3);
          case Long l -> {
            out.write(1);
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(l).array());
          }
          case String s -> {
            if (s.indexOf('\0') >= 0) {
              throw new IllegalArgumentException(op.code() + ": string argument contains NUL");
            }
            out.write(2);
            writeBytes(out, s.getBytes(UTF_8));
          }
          case byte[] b -> {
            out.write(4);
            writeBytes(out, b);
          }
          case List<?> list -> {
            out.write(5);
            writeInt(out, list.size());
            for (Object s : list) {
              String str = (String) s;
              if (str.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(op.code() + ": string argument contains NUL");
              }
              writeBytes(out, str.getBytes(UTF_8));
            }
          }
          default -> throw new IllegalArgumentException("bad argument " + a);
        }
      }
    }
    return out.toByteArray();
  }

  /** The program as {@code jcrun-init decode} prints it, one op per line. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ops.size(); i++) {
      sb.append(i).append(' ').append(ops.get(i).describe()).append('\n');
    }
    return sb.toString();
  }

  private static void writeBytes(ByteArrayOutputStream out, byte[] b) {
    writeInt(out, b.length);
    out.writeBytes(b);
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }

  private static void writeShort(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
  }
}
