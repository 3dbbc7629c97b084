#!/usr/bin/env bash
# Runs the cgroups module's cgroup v2 integration tests (CgroupV2IT) as root inside the KVM guest
# of ../shared/tools/vm-run.sh, whose /sys/fs/cgroup is a pure cgroup v2 hierarchy.
#
# The guest has no network and runs under software emulation, so everything is built on the host
# first and the guest starts one lean JVM with the test classpath and ConsoleTestRunner instead
# of Maven. Exit status: the tests' (0 when all passed); 124 when vm-run.sh timed out and 125
# when the guest failed to boot, which README.md of the tools says to retry once.
#
# Usage: cgroups/src/test/vm/run-v2-tests.sh [test class ...]
#   VM_RUN      vm-run.sh to use (default: <checkout>/../shared/tools/vm-run.sh)
#   VM_TIMEOUT  seconds before the guest is killed (default 1500)
set -euo pipefail

module=$(cd "$(dirname "$0")/../../.." && pwd -P)
checkout=$(cd "$module/.." && pwd -P)
vm_run=${VM_RUN:-$checkout/../shared/tools/vm-run.sh}
timeout=${VM_TIMEOUT:-1500}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
classes=("$@")
[ ${#classes[@]} -gt 0 ] || classes=(io.jcrun.cgroups.v2.CgroupV2IT)

[ -x "$vm_run" ] || { echo "run-v2-tests: $vm_run not found" >&2; exit 2; }

# Compile and resolve the test classpath on the host (offline: ~/.m2 has everything).
(cd "$checkout" && mvn -q -o -pl cgroups test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test)
classpath="$module/target/test-classes:$module/target/classes"
classpath="$classpath:$(cat "$module/target/test-classpath.txt")"

# The flags that start a JVM fastest (measured in ../shared/docs/JVM-STARTUP.md).
exec "$vm_run" --share "$module" --cwd "$module" --timeout "$timeout" -- \
  "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData \
  -Xshare:auto --enable-native-access=ALL-UNNAMED -cp "$classpath" \
  io.jcrun.cgroups.ConsoleTestRunner "${classes[@]}"
