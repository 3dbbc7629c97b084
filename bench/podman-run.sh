#!/bin/sh
# Times `podman run --rm` of a busybox rootfs running /bin/true with jcrun and with runc as
# podman's runtime, interleaved, and prints each median and the ratio: what jcrun costs a
# podman user per container.
#   bench/podman-run.sh [rounds]   (as root; needs podman, conmon, runc, busybox-static)
set -eu
rounds=${1:-10}
here=$(cd "$(dirname "$0")" && pwd)
jcrun=${JCRUN:-$here/../cli/target/jcrun/bin/jcrun}
work=$(mktemp -d /tmp/jcrun-bench-podman.XXXXXX)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/rootfs/bin" "$work/rootfs/proc" "$work/rootfs/dev" "$work/rootfs/sys" \
  "$work/rootfs/etc"
cp /bin/busybox "$work/rootfs/bin/busybox"
ln -s busybox "$work/rootfs/bin/true"
# podman's default ulimits need CAP_SYS_RESOURCE, which the development machine lacks.
cat > "$work/containers.conf" <<CONF
[containers]
default_ulimits = []
[engine]
events_logger = "file"
cgroup_manager = "cgroupfs"
CONF
export CONTAINERS_CONF="$work/containers.conf"

now() { date +%s%N; }
podman_run() { # RUNTIME
  podman --root "$work/storage" --runroot "$work/run" --runtime "$1" \
    --cgroup-manager=cgroupfs --events-backend=file \
    run --rm --network none --rootfs "$work/rootfs" /bin/true >/dev/null
}
: > "$work/jcrun.ms"
: > "$work/runc.ms"
i=0
while [ $i -lt $((rounds + 1)) ]; do
  for rt in jcrun runc; do
    if [ $rt = jcrun ]; then bin=$jcrun; else bin=$(command -v runc); fi
    start=$(now)
    podman_run "$bin"
    end=$(now)
    # The first round warms podman's storage and the page cache and is not counted.
    [ $i -gt 0 ] && echo $(( (end - start) / 1000000 )) >> "$work/$rt.ms"
  done
  i=$((i + 1))
done

median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
j=$(median "$work/jcrun.ms")
r=$(median "$work/runc.ms")
echo "rounds: $rounds (interleaved, after 1 warm-up round)"
echo "podman run --rm with jcrun: median $j ms"
echo "podman run --rm with runc:  median $r ms"
echo "ratio jcrun/runc: $(awk -v a="$j" -v b="$r" 'BEGIN {printf "%.2f", a / b}')"
