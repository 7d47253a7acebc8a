/* compdb.h: compile commands: from compile_commands.json (libclang's compilation-database API)
 * or from the command line after `--`, turned into libclang arguments (libclang.md section 6). */
#ifndef VTL_DRIVER_COMPDB_H
#define VTL_DRIVER_COMPDB_H

#include <stdbool.h>

#include "analyzer/support/arena.h"

struct unit_config;
#include "analyzer/support/strbuf.h"

struct job {
  const char *file;     /* absolute path of the source */
  const char *workdir;  /* the entry's directory; NULL for command-line arguments */
  const char **args;    /* libclang arguments (compiler, -c, -o, -M*, the file removed) */
  int nargs;
  bool inferred;        /* no entry of its own: the command of its nearest sibling */
  const char *sibling;  /* that sibling's file, when inferred */
  const char *sibling_why; /* for a header: why that one ("which includes it", ...), or NULL */
  const char *contents; /* unsaved buffer (standard input), or NULL */
  const struct unit_config *cfg; /* its configuration (nearest .vtasklint.yaml); NULL: default */
  unsigned long contents_len;
};

struct compdb;

/* compdb_open: reads DIR/compile_commands.json. NULL with err set ("DIR: reason"). */
struct compdb *compdb_open(const char *dir, struct arena *a, struct strbuf *err);
void compdb_close(struct compdb *db);
/* compdb_dir: the directory it was opened from (its compile_commands.json's). */
const char *compdb_dir(const struct compdb *db);
/* compdb_all: every entry, in database order; a file with several entries gives a job per
 * distinct command (after the argument filter), identical ones kept once. Entries of another
 * language than C, C++ or Objective-C (compdb_other_language: an assembler file) are left out
 * and counted (compdb_other_language_entries, once compdb_all has run). */
int compdb_all(struct compdb *db, struct arena *a, struct job **out);
size_t compdb_other_language_entries(const struct compdb *db);
/* compdb_for_file: the entry of an absolute path; without one, the command of its nearest
 * sibling of the same language (longest common directory, as clangd does; job->inferred).
 * A header takes, as clangd's, the command of a unit that includes it, else of its same-named
 * source, else of the nearest unit of the database's majority language (header_lang.c), with
 * -x c-header or c++-header after that unit's language. False when the database has no entry
 * of that language at all. */
bool compdb_for_file(struct compdb *db, const char *abs, struct arena *a, struct job *out);
/* compdb_entries_for_file: the file's own entries (a job per distinct command, as compdb_all),
 * in *out (arena); 0 when it has none. */
int compdb_entries_for_file(struct compdb *db, const char *abs, struct arena *a, struct job **out);
/* compdb_find_upward: the directory of the nearest compile_commands.json, as clangd looks: in
 * `start` and each directory above it, the directory itself, then its build, out and
 * cmake-build-* subdirectories (these in name order); a heap string the caller frees, or NULL.
 * A database owned by another user, writable by others or in a directory others can write is
 * skipped with a warning line through warn. */
char *compdb_find_upward(const char *start, void (*warn)(const char *line));

struct job_vec {
  struct job *v;
  size_t n, cap;
};
/* compdb_filter_args_mode: the arguments of a compile command that reach libclang. Options that
 * make clang write files, load code or pass arguments on unseen are always dropped (-o, -M*,
 * -MJ, -Wp,..., -save-temps, --serialize-diagnostics, -ftime-trace, -fmodules*, -fplugin,
 * -Xclang, -mllvm, --config, ...), and so is the source file itself. A database's command is
 * untrusted (trusted false): only options known to shape parsing are kept (an allow-list:
 * -I/-D/-U/-include/-isystem..., -std, -x, -target, -W, -f, -m, -O, ...); unknown options and
 * other non-option arguments are dropped. The command line after `--` is trusted: unknown
 * options pass. */
int compdb_filter_args_mode(const char *const *argv, int argc, const char *file, const char *workdir, bool trusted,
                            struct arena *a, const char ***out);
/* compdb_expand_response_files: argv with every @FILE replaced by the arguments it holds
 * (recursively; gcc's quoting). The count, or -1 with err set when one cannot be read. */
int compdb_expand_response_files(const char *const *argv, int argc, struct arena *a, const char ***out,
                                 struct strbuf *err);
/* compdb_add_extra: every job's arguments become before + its own + after (--extra-arg-before,
 * --extra-arg, as clang-tidy's). Both lists are the user's, so trusted, but they meet the
 * filter's always-dropped options (-o, -M*, -fplugin, ...) like the command after `--`. */
void compdb_add_extra(struct job *jobs, size_t n, const char *const *before, int nbefore, const char *const *after,
                      int nafter, struct arena *a);
/* compdb_force_language: every job is parsed as C (cxx false) or C++ (-x/--language): -x c or
 * c++ is added last (after --extra-arg), c-header or c++-header for a header. */
void compdb_force_language(struct job *jobs, size_t n, bool cxx, struct arena *a);
/* compdb_compiler_prefix: how many leading arguments after `--` are a compiler (and its
 * launchers: `ccache cc`), as CMake's co-compile hook (CMAKE_<LANG>_CLANG_TIDY) passes them,
 * `SOURCE -- COMPILER ARGS...`: launchers (ccache, sccache, distcc, icecc), then one word that
 * names a compiler (cc, gcc-12, /usr/bin/clang++-19, x86_64-linux-gnu-g++). 0: the arguments
 * are compiler options only. */
int compdb_compiler_prefix(const char *const *argv, int argc);
/* compdb_arg_takes_value: arg is an option whose value is the next argument ("-I" "dir",
 * "-D" "NAME", "-o" "out"): that argument is not an option. */
bool compdb_arg_takes_value(const char *arg);
/* compdb_filter_args: compdb_filter_args_mode for a database's (untrusted) command. */
int compdb_filter_args(const char *const *argv, int argc, const char *file, const char *workdir,
                       struct arena *a, const char ***out);

#endif
