package io.jcrun.runtime.process;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.linux.Fd;
import io.jcrun.linux.SyscallException;
import io.jcrun.linux.Syscalls;
import io.jcrun.runtime.JcrunException;
import io.jcrun.spec.SpecMapper;
import java.util.List;
import java.util.Map;

/**
 * Hands a seccomp notify listener fd to the agent at {@code linux.seccomp.listenerPath}, as
 * runc does: one message on a unix stream socket, the runtime-spec {@code
 * ContainerProcessState} JSON as payload and the fd as SCM_RIGHTS.
 */
public final class SeccompAgent {
  /** The runtime-spec's {@code ContainerProcessState}. */
  record ProcessState(String ociVersion, List<String> fds, int pid, String metadata,
      Map<String, Object> state) {}

  private SeccompAgent() {}

  public static void send(Syscalls sys, String listenerPath, Fd listener, String metadata,
      Map<String, Object> state, int pid) throws JcrunException {
    ProcessState payload = new ProcessState(io.jcrun.spec.DefaultSpec.OCI_VERSION,
        List.of("seccompFd"), pid, metadata, state);
    try (Fd socket = sys.connectUnix(listenerPath)) {
      sys.sendmsg(socket, SpecMapper.write(payload).getBytes(UTF_8), List.of(listener));
    } catch (SyscallException e) {
      throw new JcrunException("send the seccomp listener to " + listenerPath + ": "
          + e.getMessage(), e);
    } finally {
      listener.close();
    }
  }
}
