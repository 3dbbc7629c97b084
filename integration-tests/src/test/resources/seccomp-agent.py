#!/usr/bin/env python3
"""A minimal seccomp notify agent for SeccompIT: listens on a unix socket, receives the
container process state and the listener fd as the runtime sends them (runc's format), saves
the state JSON, then answers every notified syscall with ENOSPC until the container goes away."""
import ctypes
import fcntl
import json
import os
import socket
import struct
import sys

SOCK, STATE_OUT = sys.argv[1], sys.argv[2]
NOTIF_RECV = 0xC0502100  # _IOWR('!', 0, struct seccomp_notif): 80 bytes
NOTIF_SEND = 0xC0182101  # _IOWR('!', 1, struct seccomp_notif_resp): 24 bytes
ENOSPC = 28

server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(SOCK)
server.listen(1)
conn, _ = server.accept()
data, fds, _, _ = socket.recv_fds(conn, 65536, 4)
with open(STATE_OUT, "w") as f:
    f.write(data.decode())
listener = fds[0]
while True:
    buf = bytearray(80)
    try:
        fcntl.ioctl(listener, NOTIF_RECV, buf)
    except OSError:
        break
    notif_id = struct.unpack_from("<Q", buf, 0)[0]
    resp = struct.pack("<QqiI", notif_id, 0, -ENOSPC, 0)
    try:
        fcntl.ioctl(listener, NOTIF_SEND, bytearray(resp))
    except OSError:
        pass
