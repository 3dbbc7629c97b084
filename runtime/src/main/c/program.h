/*
 * The init program: an ordered list of ops compiled by jcrun's Java side. Binary layout
 * (little-endian), mirrored by io.jcrun.namespaces.InitProgram:
 *
 *   "JCRI" u32:version u32:op_count  then per op:  u16:code u16:argc  then per arg:
 *     u8:kind  kind 1 INT: i64 | 2 STR: u32 len, bytes | 3 NULL | 4 BYTES: u32 len, bytes
 *              | 5 STRLIST: u32 count, then count x (u32 len, bytes)
 *
 * The executor makes no decisions: it runs the ops in order and reports the first failure as
 * {op index, errno}.
 */
#ifndef JCRUN_PROGRAM_H
#define JCRUN_PROGRAM_H

#include <stddef.h>
#include <stdint.h>

#define PROGRAM_MAGIC "JCRI"
#define PROGRAM_VERSION 1
#define MAX_ARGS 16
#define MAX_SLOTS 64
#define SLOT_CWD (-100)

enum arg_kind { ARG_INT = 1, ARG_STR = 2, ARG_NULL = 3, ARG_BYTES = 4, ARG_STRLIST = 5 };

/* Op codes: keep in step with io.jcrun.namespaces.InitOp (a round-trip test checks it). */
enum op_code {
  OP_OPENAT = 1,
  OP_OPEN_IN_ROOT = 2,
  OP_CLOSE = 3,
  OP_MOUNT = 4,
  OP_MOUNT_ON_FD = 5,
  OP_MOUNT_SETATTR = 6,
  OP_UMOUNT2 = 7,
  OP_PIVOT_ROOT = 8,
  OP_MOVE_ROOT = 9,
  OP_MASK_PATH = 10,
  OP_READONLY_PATH = 11,
  OP_MKNODAT = 12,
  OP_MKDIRAT = 13,
  OP_SYMLINKAT = 14,
  OP_FCHOWNAT = 15,
  OP_FCHMODAT = 16,
  OP_WRITE_FILE = 17,
  OP_UNSHARE = 18,
  OP_SETNS = 19,
  OP_SETHOSTNAME = 20,
  OP_SETDOMAINNAME = 21,
  OP_SETRLIMIT = 22,
  OP_SETRESUID = 23,
  OP_SETRESGID = 24,
  OP_SETGROUPS = 25,
  OP_UMASK = 26,
  OP_CAPSET = 27,
  OP_CAP_BOUNDING_DROP = 28,
  OP_CAP_AMBIENT_RAISE = 29,
  OP_PRCTL = 30,
  OP_CHDIR = 31,
  OP_FCHDIR = 32,
  OP_SETSID = 33,
  OP_CLOSE_ON_EXEC_FROM = 34,
  OP_SECCOMP_LOAD = 35,
  OP_EXECVE = 36,
  OP_INHERIT = 40,
  OP_CLONE = 41,
  OP_SYNC_SEND = 42,
  OP_SYNC_WAIT = 43,
  OP_WAIT_EXEC_FIFO = 44,
  OP_CONSOLE = 45,
  OP_SEND_FD = 46,
  OP_RUN_HOOK = 47,
  OP_DUP2 = 48,
  OP_LOOKUP_EXEC = 49,
  OP_EXIT = 50,
  OP_JOIN_SESSION_KEYRING = 51,
};

struct arg {
  uint8_t kind;
  int64_t i;        /* ARG_INT */
  const char *s;    /* ARG_STR (NUL-terminated copy), ARG_BYTES (raw), NULL for ARG_NULL */
  uint32_t len;     /* ARG_STR, ARG_BYTES: length; ARG_STRLIST: count */
  char **list;      /* ARG_STRLIST: NULL-terminated */
};

struct op {
  uint16_t code;
  uint16_t argc;
  struct arg args[MAX_ARGS];
};

struct program {
  uint32_t count;
  struct op *ops;
};

/* Decodes buf; on error returns -1 with a message in err. */
int program_decode(const uint8_t *buf, size_t len, struct program *out, char *err, size_t errlen);

/* The op's name, e.g. "MOUNT", or NULL for an unknown code. */
const char *op_name(uint16_t code);

/* Prints one op as the text form io.jcrun.namespaces.InitOp#describe produces. */
void op_print(const struct op *op, uint32_t index, void *file);

#endif
