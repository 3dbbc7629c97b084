/*
 * Messages on the SOCK_SEQPACKET sync socket between jcrun (JVM) and jcrun-init, one message
 * per datagram; mirrored by io.jcrun.namespaces.InitMessage.
 *
 *   jcrun (JVM)                               jcrun-init / container init
 *     spawn jcrun-init(program fd, sync fd) ->
 *                                           <- CHILD_PID {value = pid}        (CLONE, parent side)
 *     cgroup.procs, uid_map/gid_map         -> SYNC {value = code}            (SYNC_WAIT in the child)
 *                                           <- SYNC {value = code}            (SYNC_SEND: hook points, READY)
 *                                           <- FD {text = name} + SCM_RIGHTS  (CONSOLE to the JVM)
 *                                           <- ERROR {op, value = errno, text} then exit 1
 */
#ifndef JCRUN_SYNC_H
#define JCRUN_SYNC_H

#include <stdint.h>

enum msg_type { MSG_CHILD_PID = 1, MSG_ERROR = 2, MSG_SYNC = 3, MSG_FD = 4 };

#define MSG_TEXT_MAX 3072

struct sync_msg {
  uint32_t type;
  int32_t op;
  int32_t value;
  uint32_t len;
  char text[MSG_TEXT_MAX];
};

#endif
