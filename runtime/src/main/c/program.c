#include "program.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
  const uint8_t *p;
  size_t left;
};

static int take(struct reader *r, void *dst, size_t n) {
  if (r->left < n)
    return -1;
  memcpy(dst, r->p, n);
  r->p += n;
  r->left -= n;
  return 0;
}

static char *take_string(struct reader *r, uint32_t *len_out) {
  uint32_t len;
  if (take(r, &len, 4) < 0 || r->left < len)
    return NULL;
  char *s = malloc((size_t)len + 1);
  if (s == NULL)
    return NULL;
  memcpy(s, r->p, len);
  s[len] = '\0';
  r->p += len;
  r->left -= len;
  if (len_out)
    *len_out = len;
  return s;
}

int program_decode(const uint8_t *buf, size_t len, struct program *out, char *err, size_t errlen) {
  struct reader r = {buf, len};
  char magic[4];
  uint32_t version = 0, count = 0;
  if (take(&r, magic, 4) < 0 || memcmp(magic, PROGRAM_MAGIC, 4) != 0) {
    snprintf(err, errlen, "not an init program (bad magic)");
    return -1;
  }
  if (take(&r, &version, 4) < 0 || version != PROGRAM_VERSION) {
    snprintf(err, errlen, "init program version %u, expected %u", version, PROGRAM_VERSION);
    return -1;
  }
  if (take(&r, &count, 4) < 0 || count > 65535) {
    snprintf(err, errlen, "bad op count");
    return -1;
  }
  out->count = count;
  out->ops = calloc(count ? count : 1, sizeof(struct op));
  if (out->ops == NULL) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  for (uint32_t i = 0; i < count; i++) {
    struct op *op = &out->ops[i];
    if (take(&r, &op->code, 2) < 0 || take(&r, &op->argc, 2) < 0 || op->argc > MAX_ARGS) {
      snprintf(err, errlen, "op %u: truncated header or too many args", i);
      return -1;
    }
    if (op_name(op->code) == NULL) {
      snprintf(err, errlen, "op %u: unknown code %u", i, op->code);
      return -1;
    }
    for (uint16_t a = 0; a < op->argc; a++) {
      struct arg *arg = &op->args[a];
      if (take(&r, &arg->kind, 1) < 0) {
        snprintf(err, errlen, "op %u arg %u: truncated", i, a);
        return -1;
      }
      switch (arg->kind) {
      case ARG_INT:
        if (take(&r, &arg->i, 8) < 0)
          goto truncated;
        break;
      case ARG_STR:
      case ARG_BYTES:
        if ((arg->s = take_string(&r, &arg->len)) == NULL)
          goto truncated;
        if (arg->kind == ARG_STR && strlen(arg->s) != arg->len) {
          snprintf(err, errlen, "op %u arg %u: NUL inside a string", i, a);
          return -1;
        }
        break;
      case ARG_NULL:
        arg->s = NULL;
        break;
      case ARG_STRLIST: {
        uint32_t n;
        if (take(&r, &n, 4) < 0 || n > 1000000)
          goto truncated;
        arg->len = n;
        arg->list = calloc((size_t)n + 1, sizeof(char *));
        if (arg->list == NULL)
          goto truncated;
        for (uint32_t k = 0; k < n; k++)
          if ((arg->list[k] = take_string(&r, NULL)) == NULL)
            goto truncated;
        break;
      }
      default:
        snprintf(err, errlen, "op %u arg %u: unknown kind %u", i, a, arg->kind);
        return -1;
      }
      continue;
    truncated:
      snprintf(err, errlen, "op %u arg %u: truncated", i, a);
      return -1;
    }
  }
  if (r.left != 0) {
    snprintf(err, errlen, "%zu trailing bytes after the last op", r.left);
    return -1;
  }
  return 0;
}

const char *op_name(uint16_t code) {
  switch (code) {
  case OP_OPENAT: return "OPENAT";
  case OP_OPEN_IN_ROOT: return "OPEN_IN_ROOT";
  case OP_CLOSE: return "CLOSE";
  case OP_MOUNT: return "MOUNT";
  case OP_MOUNT_ON_FD: return "MOUNT_ON_FD";
  case OP_MOUNT_SETATTR: return "MOUNT_SETATTR";
  case OP_UMOUNT2: return "UMOUNT2";
  case OP_PIVOT_ROOT: return "PIVOT_ROOT";
  case OP_MOVE_ROOT: return "MOVE_ROOT";
  case OP_MASK_PATH: return "MASK_PATH";
  case OP_READONLY_PATH: return "READONLY_PATH";
  case OP_MKNODAT: return "MKNODAT";
  case OP_MKDIRAT: return "MKDIRAT";
  case OP_SYMLINKAT: return "SYMLINKAT";
  case OP_FCHOWNAT: return "FCHOWNAT";
  case OP_FCHMODAT: return "FCHMODAT";
  case OP_WRITE_FILE: return "WRITE_FILE";
  case OP_UNSHARE: return "UNSHARE";
  case OP_SETNS: return "SETNS";
  case OP_SETHOSTNAME: return "SETHOSTNAME";
  case OP_SETDOMAINNAME: return "SETDOMAINNAME";
  case OP_SETRLIMIT: return "SETRLIMIT";
  case OP_SETRESUID: return "SETRESUID";
  case OP_SETRESGID: return "SETRESGID";
  case OP_SETGROUPS: return "SETGROUPS";
  case OP_UMASK: return "UMASK";
  case OP_CAPSET: return "CAPSET";
  case OP_CAP_BOUNDING_DROP: return "CAP_BOUNDING_DROP";
  case OP_CAP_AMBIENT_RAISE: return "CAP_AMBIENT_RAISE";
  case OP_PRCTL: return "PRCTL";
  case OP_CHDIR: return "CHDIR";
  case OP_FCHDIR: return "FCHDIR";
  case OP_SETSID: return "SETSID";
  case OP_CLOSE_ON_EXEC_FROM: return "CLOSE_ON_EXEC_FROM";
  case OP_SECCOMP_LOAD: return "SECCOMP_LOAD";
  case OP_EXECVE: return "EXECVE";
  case OP_INHERIT: return "INHERIT";
  case OP_CLONE: return "CLONE";
  case OP_SYNC_SEND: return "SYNC_SEND";
  case OP_SYNC_WAIT: return "SYNC_WAIT";
  case OP_WAIT_EXEC_FIFO: return "WAIT_EXEC_FIFO";
  case OP_CONSOLE: return "CONSOLE";
  case OP_SEND_FD: return "SEND_FD";
  case OP_RUN_HOOK: return "RUN_HOOK";
  case OP_DUP2: return "DUP2";
  case OP_LOOKUP_EXEC: return "LOOKUP_EXEC";
  case OP_EXIT: return "EXIT";
  case OP_JOIN_SESSION_KEYRING: return "JOIN_SESSION_KEYRING";
  default: return NULL;
  }
}

static void print_quoted(FILE *f, const char *s, uint32_t len) {
  fputc('"', f);
  for (uint32_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\')
      fprintf(f, "\\%c", c);
    else if (c < 0x20 || c >= 0x7f)
      fprintf(f, "\\x%02x", c);
    else
      fputc(c, f);
  }
  fputc('"', f);
}

void op_print(const struct op *op, uint32_t index, void *file) {
  FILE *f = file;
  fprintf(f, "%u %s", index, op_name(op->code));
  for (uint16_t a = 0; a < op->argc; a++) {
    const struct arg *arg = &op->args[a];
    fputc(' ', f);
    switch (arg->kind) {
    case ARG_INT:
      fprintf(f, "%lld", (long long)arg->i);
      break;
    case ARG_STR:
      print_quoted(f, arg->s, arg->len);
      break;
    case ARG_NULL:
      fputs("NULL", f);
      break;
    case ARG_BYTES:
      fprintf(f, "<%u bytes>", arg->len);
      break;
    case ARG_STRLIST:
      fputc('[', f);
      for (uint32_t k = 0; k < arg->len; k++) {
        if (k)
          fputc(' ', f);
        print_quoted(f, arg->list[k], (uint32_t)strlen(arg->list[k]));
      }
      fputc(']', f);
      break;
    }
  }
  fputc('\n', f);
}
