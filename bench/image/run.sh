#!/bin/sh
# Import + unpack of a generated multi-layer image (>= 200 MB): jcrun's library against
# `umoci unpack` of the same OCI layout, interleaved, medians and ratio; then the time to
# assemble further containers' rootfs from the cached layers. Needs root, umoci, busybox-static.
#
#   bench/image/run.sh [ROUNDS] [WORKDIR]
set -eu

ROUNDS=${1:-5}
WORK=${2:-/var/tmp/jcrun-bench-image}
HERE=$(cd "$(dirname "$0")/../.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
LAYOUT=$WORK/layout
TAG=bench

if [ "$(id -u)" != 0 ]; then
  echo "run.sh: needs root (unpacking sets owners and makes devices)" >&2
  exit 1
fi
command -v umoci >/dev/null || { echo "run.sh: needs umoci" >&2; exit 1; }

# Random data that does not compress, and text that does, in a few big files and many small ones.
fill_layer() { # ROOTFS SEED
  root=$1; seed=$2
  mkdir -p "$root/data$seed/random" "$root/data$seed/text" "$root/data$seed/small"
  for i in 1 2 3 4; do
    head -c $((8 * 1024 * 1024)) /dev/urandom > "$root/data$seed/random/blob$i"
  done
  for i in 1 2 3; do
    seq $((seed * 1000000 + i)) $((seed * 1000000 + i + 1400000)) > "$root/data$seed/text/seq$i"
  done
  i=0
  while [ $i -lt 2000 ]; do
    head -c $(( (i % 16 + 1) * 512 )) /dev/urandom | base64 > "$root/data$seed/small/f$i"
    i=$((i + 1))
  done
}

if [ ! -f "$LAYOUT/index.json" ]; then
  echo "generating the image in $LAYOUT ..."
  rm -rf "$WORK"
  mkdir -p "$WORK"
  umoci init --layout "$LAYOUT"
  umoci new --image "$LAYOUT:$TAG"
  for layer in 1 2 3 4 5; do
    bundle=$WORK/build$layer
    umoci unpack --image "$LAYOUT:$TAG" "$bundle"
    if [ $layer = 1 ]; then
      mkdir -p "$bundle/rootfs/bin"
      cp /bin/busybox "$bundle/rootfs/bin/busybox"
      ln -s busybox "$bundle/rootfs/bin/sh"
    fi
    fill_layer "$bundle/rootfs" $layer
    umoci repack --image "$LAYOUT:$TAG" "$bundle"
    rm -rf "$bundle"
  done
fi
layers=$(umoci stat --image "$LAYOUT:$TAG" | grep -c '^sha256:')
echo "image: $(du -sh "$LAYOUT/blobs" | cut -f1) of blobs in $layers layers"

cd "$HERE"
"$JAVA_HOME/bin/java" -version 2>&1 | head -1
mvn -q -o -pl image test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
CP=$HERE/image/target/classes:$HERE/image/target/test-classes:$(cat image/target/bench.classpath)
JAVA="$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp $CP"
# shellcheck disable=SC2086
$JAVA io.jcrun.image.bench.ImageBenchmark "$LAYOUT:$TAG" "$WORK/run" "$ROUNDS" $JAVA
