package io.jcrun.namespaces;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.linux.Fd;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A message on the sync socket, as {@code struct sync_msg} in {@code sync.h} lays it out: type,
 * op index, value (pid, errno or sync code), text, and any fds passed with it.
 */
public record InitMessage(Type type, int op, int value, String text, List<Fd> fds) {
  public enum Type {
    CHILD_PID(1), ERROR(2), SYNC(3), FD(4);

    private final int value;

    Type(int value) {
      this.value = value;
    }

    static Type of(int value) {
      for (Type t : values()) {
        if (t.value == value) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown init message type " + value);
    }
  }

  /** Room for the largest message jcrun-init sends. */
  public static final int MAX_SIZE = 16 + 3072;

  public InitMessage {
    fds = List.copyOf(fds);
  }

  public static InitMessage decode(byte[] data, List<Fd> fds) {
    if (data.length < 16) {
      throw new IllegalArgumentException("short init message (" + data.length + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    Type type = Type.of(b.getInt());
    int op = b.getInt();
    int value = b.getInt();
    int len = Math.min(b.getInt(), data.length - 16);
    return new InitMessage(type, op, value, new String(data, 16, len, UTF_8), fds);
  }

  /** A SYNC message for the executor, which waits for it with SYNC_WAIT. */
  public static byte[] sync(int code) {
    return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(Type.SYNC.value).putInt(-1).putInt(code).putInt(0).array();
  }
}
