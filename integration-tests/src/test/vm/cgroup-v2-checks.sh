#!/bin/sh
# Runs inside the KVM guest of vm-run.sh, whose /sys/fs/cgroup is pure cgroup v2: containers
# started by the built jcrun, with their limits checked from inside and from the cgroup files.
# Prints "ok <check>" or "FAIL <check>: <why>" per check; exits 1 if any failed.
#   cgroup-v2-checks.sh <jcrun binary> <work dir>
set -u
jcrun=$1
work=$2
# The state root needs fifos, which the 9p shares of the guest lack: keep it on the overlay.
root=/run/jcrun-v2-checks
failed=0

ok() { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; failed=1; }
j() { "$jcrun" --root "$root" "$@"; }

[ "$(stat -f -c %T /sys/fs/cgroup)" = cgroup2fs ] || { echo "FAIL layout: not cgroup v2"; exit 1; }

# $2 is written into JSON as is: quotes and backslashes in it must be JSON-escaped already.
bundle() { # name script resources-json [linux-extra-json]
  b=$work/$1
  rm -rf "$b"
  mkdir -p "$b/rootfs/bin" "$b/rootfs/proc" "$b/rootfs/dev" "$b/rootfs/sys" "$b/rootfs/tmp"
  cp /bin/busybox "$b/rootfs/bin/busybox"
  for a in sh sleep seq head tr cat echo wc true ls grep; do ln -s busybox "$b/rootfs/bin/$a"; done
  cat > "$b/config.json" <<JSON
{"ociVersion":"1.2.1","root":{"path":"rootfs"},
 "process":{"args":["/bin/sh","-c","$2"],"cwd":"/","env":["PATH=/bin"]},
 "mounts":[{"destination":"/proc","type":"proc","source":"proc"},
           {"destination":"/dev","type":"tmpfs","source":"tmpfs","options":["nosuid","mode=755"]}],
 "linux":{"namespaces":[{"type":"pid"},{"type":"mount"},{"type":"ipc"},{"type":"uts"}],
          "resources":$3 ${4:+,$4}}}
JSON
  echo "$b"
}

# memory.max: 32 MiB, the process wants 64 MiB and is OOM-killed.
b=$(bundle mem 'x=$(head -c 67108864 /dev/zero | tr \"\\0\" a); echo survived' \
  '{"memory":{"limit":33554432,"swap":33554432}}')
out=$(cd "$b" && j run mem 2>&1); rc=$?
if [ $rc -eq 137 ] || echo "$out" | grep -q Killed; then ok memory; else fail memory "exit $rc: $out"; fi

# pids.max: ten processes, the shell cannot fork an eleventh.
b=$(bundle pids 'for i in $(seq 15); do sleep 30 & done; wait' '{"pids":{"limit":10}}')
out=$(cd "$b" && j run pids 2>&1); rc=$?
if echo "$out" | grep -q "can't fork"; then ok pids; else fail pids "exit $rc: $out"; fi

# cpu.max: 20% of a CPU, and the stats show throttled periods.
b=$(bundle cpu 'while :; do :; done' '{"cpu":{"quota":20000,"period":100000}}')
(cd "$b" && j run -d cpu) || fail cpu "run -d failed"
max=$(cat /sys/fs/cgroup/jcrun/cpu/cpu.max)
sleep 2
stats=$(j events --stats cpu)
j delete -f cpu
if [ "$max" = "20000 100000" ] && echo "$stats" | grep -q '"throttledPeriods":[1-9]'; then ok cpu
else fail cpu "cpu.max=$max stats=$stats"; fi

# io.weight from blockIO.weight 500 (runc's conversion: 4950), where the kernel has io.weight.
b=$(bundle io 'sleep 30' '{"blockIO":{"weight":500}}')
if (cd "$b" && j run -d io) 2>/tmp/io.err; then
  if [ -f /sys/fs/cgroup/jcrun/io/io.weight ]; then
    w=$(cat /sys/fs/cgroup/jcrun/io/io.weight)
    case "$w" in *4950*) ok io-weight ;; *) fail io-weight "io.weight=$w" ;; esac
  else
    ok "io-weight (no io.weight file in this kernel: controller without iocost/bfq)"
  fi
  j delete -f io
else
  fail io-weight "$(cat /tmp/io.err)"
fi

# cgroup.freeze: pause freezes, resume thaws.
b=$(bundle frz 'sleep 100 & sleep 100 & wait' '{}')
(cd "$b" && j run -d frz)
j pause frz
frozen=$(grep frozen /sys/fs/cgroup/jcrun/frz/cgroup.events)
paused=$(j state frz | grep -c '"paused"')
j resume frz
thawed=$(grep frozen /sys/fs/cgroup/jcrun/frz/cgroup.events)
if [ "$frozen" = "frozen 1" ] && [ "$paused" = 1 ] && [ "$thawed" = "frozen 0" ]; then ok freeze
else fail freeze "$frozen / paused=$paused / $thawed"; fi

# cgroup.kill: kill --all KILL ends every process of the cgroup.
before=$(wc -l < /sys/fs/cgroup/jcrun/frz/cgroup.procs)
j kill --all frz KILL
sleep 1
after=$(wc -l < /sys/fs/cgroup/jcrun/frz/cgroup.procs)
j delete -f frz
if [ "$before" -ge 3 ] && [ "$after" = 0 ] && [ ! -d /sys/fs/cgroup/jcrun/frz ]; then ok cgroup-kill
else fail cgroup-kill "procs before=$before after=$after"; fi

# eBPF device filter: deny all, /dev/kmsg (created through linux.devices) denied, defaults kept.
b=$(bundle dev 'head -c 1 /dev/kmsg >/dev/null 2>&1 && echo kmsg-open || echo kmsg-denied; echo x > /dev/null && head -c 3 /dev/zero | wc -c' \
  '{"devices":[{"allow":false,"access":"rwm"}]}' \
  '"devices":[{"path":"/dev/kmsg","type":"c","major":1,"minor":11,"fileMode":438}]')
out=$(cd "$b" && j run dev 2>&1)
if [ "$out" = "kmsg-denied
3" ]; then ok ebpf-devices; else fail ebpf-devices "$out"; fi

left=$(find /sys/fs/cgroup/jcrun -mindepth 1 -type d 2>/dev/null)
if [ -z "$left" ]; then ok no-leftovers; else fail no-leftovers "$left"; fi
exit $failed
