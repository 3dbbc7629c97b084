#!/usr/bin/env python3
"""Receives one fd the way containerd, conmon and runc's recvtty do (a name payload and one
SCM_RIGHTS fd on a unix stream socket) and writes what it got to OUT:
name, the cmsg size, whether it is a tty, and the pid a pidfd refers to."""
import os
import socket
import sys

SOCK, OUT = sys.argv[1], sys.argv[2]
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(SOCK)
server.listen(1)
conn, _ = server.accept()
msg, ancdata, _, _ = conn.recvmsg(4096, socket.CMSG_SPACE(4 * 4))
fds = []
for level, kind, data in ancdata:
    if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
        fds += [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)]
lines = ["name=" + msg.decode(), "fds=%d" % len(fds)]
fd = fds[0]
lines.append("isatty=%s" % os.isatty(fd))
with open("/proc/self/fdinfo/%d" % fd) as f:
    for line in f:
        if line.startswith("Pid:"):
            lines.append("pid=" + line.split()[1])
if os.isatty(fd):
    os.write(fd, b"echo via-pty; exit 5\n")
    out = b""
    try:
        while True:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            out += chunk
    except OSError:
        pass
    lines.append("output=" + out.decode(errors="replace").replace("\r", "").replace("\n", "|"))
with open(OUT, "w") as f:
    f.write("\n".join(lines) + "\n")
