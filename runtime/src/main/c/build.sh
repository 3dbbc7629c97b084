#!/bin/sh
# Builds jcrun-init, statically linked so it needs nothing from the container or the host.
set -eu
out=$1
src=$(dirname "$0")
mkdir -p "$(dirname "$out")"
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -static -o "$out.tmp" "$src/jcrun-init.c" "$src/program.c" "$src/resolve.c"
strip "$out.tmp"
mv "$out.tmp" "$out"
