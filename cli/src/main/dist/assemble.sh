#!/bin/sh
# Lays out the distribution in <target>/jcrun: bin/jcrun, lib/*.jar, lib/native (jffi),
# libexec/jcrun-init, share/demo (the embedded default bundle), then trains the AOT cache with
# the same JVM flags the launcher uses.
set -eu
target=$1
jar=$2
init=$3
javahome=$4
src=$(dirname "$0")
dist=$target/jcrun
rm -rf "$dist"
mkdir -p "$dist/bin" "$dist/lib/native" "$dist/libexec"
cp "$target"/dependency-jars/*.jar "$jar" "$dist/lib/"
cp "$src/bin/jcrun" "$dist/bin/jcrun"
chmod 755 "$dist/bin/jcrun"
cp "$src/jvm.args" "$dist/lib/jvm.args"
cp "$init" "$dist/libexec/jcrun-init"
cp "$target/jffi-native/jni/x86_64-Linux/libjffi-1.2.so" "$dist/lib/native/"

demo=$dist/share/demo
rm -rf "$demo"
mkdir -p "$demo/rootfs/proc" "$demo/rootfs/dev" "$demo/rootfs/sys" "$demo/rootfs/tmp"
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -static -o "$demo/rootfs/jcrun-demo" \
  "$src/../c/jcrun-demo.c"
strip "$demo/rootfs/jcrun-demo"
cp "$src/demo/config.json" "$demo/config.json"

# One training run of many verbs; the cache is only valid for this JVM (the launcher checks).
rm -f "$dist/lib/jcrun.aot" "$dist/lib/jcrun.aot.java"
"$javahome/bin/java" @"$dist/lib/jvm.args" -XX:TieredStopAtLevel=1 \
  -XX:AOTCacheOutput="$dist/lib/jcrun.aot" \
  -Djcrun.home="$dist" -Djffi.boot.library.path="$dist/lib/native" -cp "$dist/lib/*" \
  io.jcrun.cli.Training "$target/training" > /dev/null
echo "$javahome/bin/java" > "$dist/lib/jcrun.aot.java"
