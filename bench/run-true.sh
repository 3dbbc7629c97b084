#!/bin/sh
# Times `jcrun run` against `runc run` of the same /bin/true bundle, interleaved so both see
# the same background load, and prints each one's median wall time per container and the ratio.
#   bench/run-true.sh [rounds]     (as root; needs runc and busybox-static)
set -eu
rounds=${1:-30}
here=$(cd "$(dirname "$0")" && pwd)
jcrun=${JCRUN:-$here/../cli/target/jcrun/bin/jcrun}
work=$(mktemp -d /tmp/jcrun-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

bundle=$work/bundle
mkdir -p "$bundle/rootfs/bin" "$bundle/rootfs/proc" "$bundle/rootfs/dev" "$bundle/rootfs/sys"
cp /bin/busybox "$bundle/rootfs/bin/busybox"
ln -s busybox "$bundle/rootfs/bin/true"
(cd "$bundle" && runc spec)
# The same config for both: runc's default, not a terminal, /bin/true.
sed -i -e 's/"terminal": true/"terminal": false/' -e 's/"sh"/"\/bin\/true"/' "$bundle/config.json"

now() { date +%s%N; }
: > "$work/jcrun.ms"
: > "$work/runc.ms"
i=0
while [ $i -lt $((rounds + 2)) ]; do
  for rt in jcrun runc; do
    if [ $rt = jcrun ]; then cmd=$jcrun; else cmd=runc; fi
    start=$(now)
    (cd "$bundle" && $cmd --root "$work/$rt-state" run "b$i") >/dev/null
    end=$(now)
    # The first two rounds warm the page cache and are not counted.
    [ $i -ge 2 ] && echo $(( (end - start) / 1000 )) >> "$work/$rt.ms"
  done
  i=$((i + 1))
done

median() { sort -n "$1" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'; }
j=$(median "$work/jcrun.ms")
r=$(median "$work/runc.ms")
echo "rounds: $rounds (interleaved, after 2 warm-up rounds)"
echo "jcrun run /bin/true: median $j ms"
echo "runc  run /bin/true: median $r ms"
awk -v j="$j" -v r="$r" 'BEGIN { printf "ratio jcrun/runc: %.2f\n", j / r }'
