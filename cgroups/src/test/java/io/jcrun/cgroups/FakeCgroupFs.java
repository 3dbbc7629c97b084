package io.jcrun.cgroups;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jcrun.linux.Errno;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A cgroupfs on a temporary directory that behaves like the kernel where the managers depend on
 * it: {@code mkdir} fills a new cgroup with its control files (v2: only those of the controllers
 * its parent enables), {@code rmdir} ignores control files but is {@code EBUSY} while the cgroup
 * has children or processes, writing {@code cgroup.procs} adds a process, {@code
 * cgroup.subtree_control} takes {@code +controller}, {@code cgroup.freeze}, {@code
 * freezer.state} and {@code cgroup.kill} take effect at once. Every write is recorded; failures
 * can be injected.
 */
public final class FakeCgroupFs implements CgroupFiles {
  /** One recorded write, with the path relative to the fake's base directory. */
  public record Write(String path, String value) {
    @Override
    public String toString() {
      return path + "=" + value;
    }
  }

  private record Failure(Predicate<Path> when, Errno errno, int[] remaining) {}

  private final Path base;
  private final CgroupFiles host = CgroupFiles.host();
  private final Map<Path, String> v1Mounts = new HashMap<>();
  private final Set<Path> v2Mounts = new LinkedHashSet<>();
  private final List<Write> writes = new ArrayList<>();
  private final List<Failure> writeFailures = new ArrayList<>();
  private final List<Failure> rmdirFailures = new ArrayList<>();
  private final Map<String, UnaryOperator<String>> transforms = new HashMap<>();
  private int rmdirCalls;
  private boolean neverFreezes;

  public FakeCgroupFs(Path base) {
    this.base = base;
  }

  public Path base() {
    return base;
  }

  // ---- setting up hierarchies ---------------------------------------------------------------

  /** A cgroup2 root at {@code mount} offering {@code controllers}. */
  public FakeCgroupFs v2Root(Path mount, String... controllers) {
    v2Mounts.add(mount);
    mkdirs(mount);
    put(mount, "cgroup.controllers", String.join(" ", controllers) + "\n");
    put(mount, "cgroup.subtree_control", "\n");
    put(mount, "cgroup.procs", "");
    put(mount, "cgroup.threads", "");
    put(mount, "cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\n");
    return this;
  }

  /** A cgroup v1 mount of {@code controller} at {@code root}/{@code controller}. */
  public FakeCgroupFs v1Root(Path root, String controller) {
    Path mount = root.resolve(controller);
    v1Mounts.put(mount, controller);
    mkdirs(mount);
    populateV1(mount, controller);
    put(mount, "cgroup.procs", "");
    if (controller.equals("cpuset")) {
      put(mount, "cpuset.cpus", "0-3\n");
      put(mount, "cpuset.mems", "0\n");
    }
    return this;
  }

  // ---- inspecting and steering --------------------------------------------------------------

  public List<Write> writes() {
    return List.copyOf(writes);
  }

  /** The recorded writes as {@code path=value}, for {@code assertEquals} against a list. */
  public List<String> writeLog() {
    return writes.stream().map(Write::toString).toList();
  }

  public void clearWrites() {
    writes.clear();
  }

  public int rmdirCalls() {
    return rmdirCalls;
  }

  /** The next {@code times} writes to a file matching {@code when} fail with {@code errno}. */
  public FakeCgroupFs failWrite(Predicate<Path> when, Errno errno, int times) {
    writeFailures.add(new Failure(when, errno, new int[] {times}));
    return this;
  }

  /** The next {@code times} rmdirs of a directory matching {@code when} fail with {@code errno}. */
  public FakeCgroupFs failRmdir(Predicate<Path> when, Errno errno, int times) {
    rmdirFailures.add(new Failure(when, errno, new int[] {times}));
    return this;
  }

  /** From now on no freeze completes: v2 never reports frozen, v1 stays FREEZING. */
  public FakeCgroupFs neverFreeze() {
    neverFreezes = true;
    return this;
  }

  /** What the "kernel" stores when {@code fileName} is written (e.g. clamping). */
  public FakeCgroupFs transform(String fileName, UnaryOperator<String> kernel) {
    transforms.put(fileName, kernel);
    return this;
  }

  /** Sets the content of a file, creating it (a test fixture, not a cgroupfs write). */
  public void put(Path dir, String file, String content) {
    try {
      Files.writeString(dir.resolve(file), content, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String content(Path file) {
    try {
      return Files.readString(file, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The processes the fake kernel has in {@code dir} (its {@code cgroup.procs}). */
  public void setProcesses(Path dir, Integer... pids) {
    StringBuilder sb = new StringBuilder();
    for (int pid : pids) {
      sb.append(pid).append('\n');
    }
    put(dir, "cgroup.procs", sb.toString());
  }

  /** Removes {@code pid} from every {@code cgroup.procs} under the base: the process died. */
  public void exit(int pid) {
    try (Stream<Path> files = Files.walk(base)) {
      for (Path procs : files.filter(p -> p.getFileName().toString().equals("cgroup.procs"))
          .toList()) {
        String kept = Arrays.stream(content(procs).split("\n"))
            .filter(l -> !l.isBlank() && Integer.parseInt(l.trim()) != pid)
            .map(l -> l + "\n").reduce("", String::concat);
        Files.writeString(procs, kept, UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- CgroupFiles --------------------------------------------------------------------------

  @Override
  public String read(Path file) throws CgroupException {
    return host.read(file);
  }

  @Override
  public void write(Path file, String value) throws CgroupException {
    writes.add(new Write(base.relativize(file).toString(), value));
    fail(writeFailures, file, "write \"" + value + "\" to " + file);
    String name = file.getFileName().toString();
    Path dir = file.getParent();
    if (!Files.exists(file)) {
      host.write(file, value);
    }
    switch (name) {
      case "cgroup.procs" -> host.write(file, read(file) + value.trim() + "\n");
      case "cgroup.subtree_control" -> enableControllers(dir, value);
      case "cgroup.freeze" -> {
        host.write(file, value.trim() + "\n");
        String frozen = neverFreezes ? "0" : value.trim();
        host.write(dir.resolve("cgroup.events"), "populated 0\nfrozen " + frozen + "\n");
      }
      case "freezer.state" -> host.write(file,
          neverFreezes && value.equals("FROZEN") ? "FREEZING\n" : value + "\n");
      case "cgroup.kill" -> killEverything(dir);
      default -> host.write(file, transforms.getOrDefault(name, v -> v).apply(value));
    }
  }

  @Override
  public boolean exists(Path path) {
    return host.exists(path);
  }

  @Override
  public boolean mkdir(Path dir) throws CgroupException {
    if (!host.mkdir(dir)) {
      return false;
    }
    for (Path mount : v2Mounts) {
      if (dir.startsWith(mount)) {
        populateV2(dir);
        return true;
      }
    }
    for (Map.Entry<Path, String> mount : v1Mounts.entrySet()) {
      if (dir.startsWith(mount.getKey())) {
        populateV1(dir, mount.getValue());
        return true;
      }
    }
    return true;
  }

  @Override
  public void rmdir(Path dir) throws CgroupException {
    rmdirCalls++;
    fail(rmdirFailures, dir, "rmdir " + dir);
    if (!Files.isDirectory(dir)) {
      host.rmdir(dir);
    }
    if (!subdirectories(dir).isEmpty() || !read(dir.resolve("cgroup.procs")).isBlank()) {
      throw new CgroupException("rmdir " + dir + ": " + Errno.EBUSY.description(), Errno.EBUSY,
          null);
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
      Files.delete(dir);
    } catch (IOException e) {
      throw CgroupException.of("rmdir " + dir, e);
    }
  }

  @Override
  public List<Path> subdirectories(Path dir) throws CgroupException {
    return host.subdirectories(dir);
  }

  @Override
  public List<String> entries(Path dir) throws CgroupException {
    return host.entries(dir);
  }

  // ---- the fake kernel ----------------------------------------------------------------------

  private static void fail(List<Failure> failures, Path path, String operation)
      throws CgroupException {
    for (Failure f : failures) {
      if (f.remaining()[0] > 0 && f.when().test(path)) {
        f.remaining()[0]--;
        throw new CgroupException(operation + ": " + f.errno().description(), f.errno(), null);
      }
    }
  }

  private void enableControllers(Path dir, String value) throws CgroupException {
    Set<String> available = words(read(dir.resolve("cgroup.controllers")));
    Set<String> enabled = words(read(dir.resolve("cgroup.subtree_control")));
    for (String word : value.trim().split("\\s+")) {
      String controller = word.substring(1);
      if (!available.contains(controller)) {
        throw new CgroupException("write \"" + value + "\" to " + dir.resolve(
            "cgroup.subtree_control") + ": " + Errno.ENOENT.description(), Errno.ENOENT, null);
      }
      if (word.startsWith("+")) {
        if (enabled.add(controller)) {
          for (Path child : subdirectories(dir)) {
            addControllerFiles(child, controller);
          }
        }
      } else {
        enabled.remove(controller);
      }
    }
    host.write(dir.resolve("cgroup.subtree_control"), String.join(" ", enabled) + "\n");
  }

  /** cgroup.kill: every process in {@code dir} and below dies, so it leaves every hierarchy. */
  private void killEverything(Path dir) throws CgroupException {
    List<Integer> pids = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path procs : files.filter(p -> p.getFileName().toString().equals("cgroup.procs"))
          .toList()) {
        for (String line : read(procs).split("\n")) {
          if (!line.isBlank()) {
            pids.add(Integer.parseInt(line.trim()));
          }
        }
      }
    } catch (IOException e) {
      throw CgroupException.of("kill " + dir, e);
    }
    pids.forEach(this::exit);
  }

  private static Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
    out.remove("");
    return out;
  }

  private void populateV2(Path dir) throws CgroupException {
    Set<String> controllers = words(read(dir.getParent().resolve("cgroup.subtree_control")));
    Map<String, String> files = new LinkedHashMap<>();
    files.put("cgroup.controllers", "\n");
    files.put("cgroup.subtree_control", "\n");
    files.put("cgroup.procs", "");
    files.put("cgroup.threads", "");
    files.put("cgroup.type", "domain\n");
    files.put("cgroup.events", "populated 0\nfrozen 0\n");
    files.put("cgroup.freeze", "0\n");
    files.put("cgroup.kill", "");
    files.put("cgroup.max.descendants", "max\n");
    files.put("cgroup.max.depth", "max\n");
    files.put("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\n");
    files.forEach((name, content) -> put(dir, name, content));
    for (String controller : controllers) {
      addControllerFiles(dir, controller);
    }
  }

  /** What enabling {@code controller} in the parent adds to {@code dir}, as the kernel does. */
  private void addControllerFiles(Path dir, String controller) throws CgroupException {
    Set<String> offered = words(read(dir.resolve("cgroup.controllers")));
    offered.add(controller);
    put(dir, "cgroup.controllers", String.join(" ", offered) + "\n");
    Map<String, String> files = new LinkedHashMap<>();
    switch (controller) {
      case "cpu" -> {
        files.put("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\nnr_periods 0\n"
            + "nr_throttled 0\nthrottled_usec 0\n");
        files.put("cpu.weight", "100\n");
        files.put("cpu.max", "max 100000\n");
        files.put("cpu.max.burst", "0\n");
        files.put("cpu.idle", "0\n");
      }
      case "memory" -> {
        files.put("memory.max", "max\n");
        files.put("memory.low", "0\n");
        files.put("memory.swap.max", "max\n");
        files.put("memory.swap.current", "0\n");
        files.put("memory.current", "0\n");
        files.put("memory.stat", "anon 0\nfile 0\n");
        files.put("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
      }
      case "pids" -> {
        files.put("pids.max", "max\n");
        files.put("pids.current", "0\n");
      }
      case "io" -> {
        files.put("io.weight", "default 100\n");
        files.put("io.max", "");
        files.put("io.stat", "");
      }
      case "cpuset" -> {
        files.put("cpuset.cpus", "\n");
        files.put("cpuset.mems", "\n");
      }
      case "hugetlb" -> {
        for (String size : List.of("2MB", "1GB")) {
          files.put("hugetlb." + size + ".max", "max\n");
          files.put("hugetlb." + size + ".rsvd.max", "max\n");
          files.put("hugetlb." + size + ".current", "0\n");
          files.put("hugetlb." + size + ".events", "max 0\n");
        }
      }
      default -> {
        // rdma, misc: no file jcrun writes.
      }
    }
    files.forEach((name, content) -> put(dir, name, content));
  }

  private void populateV1(Path dir, String controller) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("cgroup.procs", "");
    files.put("tasks", "");
    files.put("notify_on_release", "0\n");
    switch (controller) {
      case "memory" -> {
        for (String prefix : List.of("memory", "memory.memsw", "memory.kmem", "memory.kmem.tcp")) {
          files.put(prefix + ".limit_in_bytes", "9223372036854771712\n");
          files.put(prefix + ".usage_in_bytes", "0\n");
          files.put(prefix + ".max_usage_in_bytes", "0\n");
          files.put(prefix + ".failcnt", "0\n");
        }
        files.put("memory.soft_limit_in_bytes", "9223372036854771712\n");
        files.put("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        files.put("memory.swappiness", "60\n");
        files.put("memory.use_hierarchy", "1\n");
        files.put("memory.stat", "cache 0\nrss 0\n");
      }
      case "cpu" -> {
        files.put("cpu.shares", "1024\n");
        files.put("cpu.cfs_period_us", "100000\n");
        files.put("cpu.cfs_quota_us", "-1\n");
        files.put("cpu.cfs_burst_us", "0\n");
        files.put("cpu.rt_period_us", "1000000\n");
        files.put("cpu.rt_runtime_us", "0\n");
        files.put("cpu.idle", "0\n");
        files.put("cpu.stat", "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n");
      }
      case "cpuacct" -> {
        files.put("cpuacct.usage", "0\n");
        files.put("cpuacct.usage_percpu", "0 0 \n");
        files.put("cpuacct.stat", "user 0\nsystem 0\n");
      }
      case "cpuset" -> {
        files.put("cpuset.cpus", "\n");
        files.put("cpuset.mems", "\n");
      }
      case "devices" -> {
        files.put("devices.allow", "");
        files.put("devices.deny", "");
        files.put("devices.list", "a *:* rwm\n");
      }
      case "freezer" -> files.put("freezer.state", "THAWED\n");
      case "pids" -> {
        files.put("pids.max", "max\n");
        files.put("pids.current", "0\n");
      }
      case "blkio" -> {
        files.put("blkio.bfq.weight", "100\n");
        files.put("blkio.bfq.weight_device", "");
        for (String t : List.of("read_bps", "write_bps", "read_iops", "write_iops")) {
          files.put("blkio.throttle." + t + "_device", "");
        }
        files.put("blkio.throttle.io_service_bytes_recursive", "Total 0\n");
        files.put("blkio.throttle.io_serviced_recursive", "Total 0\n");
      }
      case "hugetlb" -> {
        for (String size : List.of("2MB", "1GB")) {
          files.put("hugetlb." + size + ".limit_in_bytes", "9223372036854771712\n");
          files.put("hugetlb." + size + ".usage_in_bytes", "0\n");
          files.put("hugetlb." + size + ".max_usage_in_bytes", "0\n");
          files.put("hugetlb." + size + ".failcnt", "0\n");
        }
      }
      case "net_cls" -> files.put("net_cls.classid", "0\n");
      case "net_prio" -> files.put("net_prio.ifpriomap", "lo 0\n");
      default -> {
        // Controllers jcrun does not write have only the core files.
      }
    }
    files.forEach((name, content) -> put(dir, name, content));
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
