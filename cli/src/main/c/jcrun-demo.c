/*
 * jcrun-demo: the process of the embedded default container. It prints what it sees from
 * inside: hostname, pid, ids and their mapping, capabilities and mounts.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void print_file(const char *title, const char *path, const char *prefix) {
  FILE *f = fopen(path, "r");
  char line[512];
  printf("%s:\n", title);
  if (f == NULL) {
    printf("  (cannot read %s)\n", path);
    return;
  }
  while (fgets(line, sizeof line, f))
    if (prefix == NULL || strncmp(line, prefix, strlen(prefix)) == 0)
      printf("  %s", line);
  fclose(f);
}

int main(void) {
  char host[256] = "";
  gethostname(host, sizeof host);
  printf("Hello from a jcrun container.\n");
  printf("hostname: %s\n", host);
  printf("pid: %d (the container's init sees itself as 1 in its own pid namespace)\n", getpid());
  printf("uid: %d, gid: %d\n", getuid(), getgid());
  print_file("uid_map (container id, host id, count)", "/proc/self/uid_map", NULL);
  print_file("capabilities", "/proc/self/status", "Cap");
  print_file("mounts", "/proc/self/mounts", NULL);
  return 0;
}
