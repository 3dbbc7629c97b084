package io.jcrun.linux;

import java.util.List;

/** What one {@code recvmsg} returned: the bytes and any fds passed with them. */
public record Message(byte[] data, List<Fd> fds) {
  public Message {
    fds = List.copyOf(fds);
  }

  public boolean isEndOfStream() {
    return data.length == 0 && fds.isEmpty();
  }
}
