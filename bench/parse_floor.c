/* parse_floor.c: the cost floor of a vtasklint run. Reads BUILD_DIR/compile_commands.json
 * through libclang's compilation-database API and parses every unit in this one process with
 * one CXIndex, with the arguments vtasklint would pass (analyzer/driver/compdb.c and unit.c):
 * argv[0], -c, -o X, -M* (and -MF/-MT/-MQ X), `--` and the source file dropped; -resource-dir,
 * -working-directory and -Wno-unknown-warning-option added; CXTranslationUnit_KeepGoing. Each
 * TU is disposed at once; nothing is walked. Like vtasklint, each distinct command of a file is
 * parsed once (a file built two ways is two units). Whatever vtasklint spends above this is its
 * own.
 *
 * Usage: vtl_parse_floor BUILD_DIR
 * Exit status: 0 every unit parsed without an error diagnostic; 1 some unit failed or had
 * errors (named on stderr, so a benchmark notices a broken synthetic project); 2 usage or an
 * unreadable database. */
#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef VTL_RESOURCE_DIR
#define VTL_RESOURCE_DIR ""
#endif

static char *dup_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *r = malloc(n);
  if (!r) {
    fputs("vtl_parse_floor: out of memory\n", stderr);
    exit(2);
  }
  memcpy(r, s, n);
  return r;
}

/* absolute: FILE as an absolute path, relative ones taken from DIR (no normalisation: enough
 * to recognise the source among the arguments, as vtasklint does). */
static char *absolute(const char *file, const char *dir) {
  if (file[0] == '/')
    return dup_str(file);
  size_t n = strlen(dir) + strlen(file) + 2;
  char *r = malloc(n);
  if (!r) {
    fputs("vtl_parse_floor: out of memory\n", stderr);
    exit(2);
  }
  snprintf(r, n, "%s/%s", dir, file);
  return r;
}

/* command_key: one string naming a unit: its file, directory and filtered arguments, each
 * ended by a newline (no argument holds one that matters here). */
static char *command_key(const char *file, const char *dir, const char **args, int nargs) {
  size_t n = strlen(file) + strlen(dir) + 3;
  for (int i = 0; i < nargs; i++)
    n += strlen(args[i]) + 1;
  char *r = malloc(n), *w = r;
  if (!r) {
    fputs("vtl_parse_floor: out of memory\n", stderr);
    exit(2);
  }
  w += sprintf(w, "%s\n%s\n", file, dir);
  for (int i = 0; i < nargs; i++)
    w += sprintf(w, "%s\n", args[i]);
  return r;
}

static int is_source_arg(const char *arg, const char *abs_file, const char *dir) {
  if (strcmp(arg, abs_file) == 0)
    return 1;
  if (arg[0] == '-')
    return 0;
  char *a = absolute(arg, dir);
  int r = strcmp(a, abs_file) == 0;
  free(a);
  return r;
}

static int drop_alone(const char *s) {
  static const char *const flags[] = {"-c", "--", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG", NULL};
  for (int i = 0; flags[i]; i++)
    if (strcmp(s, flags[i]) == 0)
      return 1;
  return 0;
}

static int drop_with_value(const char *s) {
  return strcmp(s, "-o") == 0 || strcmp(s, "-MF") == 0 || strcmp(s, "-MT") == 0 || strcmp(s, "-MQ") == 0;
}

static int drop_joined(const char *s) {
  return (strncmp(s, "-o", 2) == 0 && s[2]) || strncmp(s, "-MF", 3) == 0 || strncmp(s, "-MT", 3) == 0 ||
         strncmp(s, "-MQ", 3) == 0;
}

int main(int argc, char **argv) {
  if (argc != 2 || argv[1][0] == '-') {
    fputs("usage: vtl_parse_floor BUILD_DIR\n", stderr);
    return 2;
  }
  const char *dir = argv[1];
  const char *resource_dir = getenv("VTASKLINT_RESOURCE_DIR");
  if (!resource_dir || !resource_dir[0])
    resource_dir = VTL_RESOURCE_DIR;

  /* Check first: libclang prints its own "LIBCLANG TOOLING ERROR" otherwise. */
  size_t plen = strlen(dir) + sizeof "/compile_commands.json";
  char *path = malloc(plen);
  if (!path)
    return 2;
  snprintf(path, plen, "%s/compile_commands.json", dir);
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "vtl_parse_floor: cannot read %s\n", path);
    free(path);
    return 2;
  }
  fclose(f);
  CXCompilationDatabase_Error dberr;
  CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(dir, &dberr);
  if (!db || dberr != CXCompilationDatabase_NoError) {
    fprintf(stderr, "vtl_parse_floor: %s: not a valid compilation database\n", path);
    free(path);
    return 2;
  }
  free(path);

  CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
  unsigned n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
  char **seen = calloc(n + 1, sizeof *seen); /* the command keys parsed so far */
  if (!seen)
    return 2;
  unsigned nseen = 0, failed = 0;
  CXIndex idx = clang_createIndex(0, 0);

  for (unsigned i = 0; i < n; i++) {
    CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, i);
    CXString d = clang_CompileCommand_getDirectory(cmd);
    CXString fn = clang_CompileCommand_getFilename(cmd);
    char *workdir = dup_str(clang_getCString(d));
    char *file = absolute(clang_getCString(fn), workdir);
    clang_disposeString(d);
    clang_disposeString(fn);

    unsigned na = clang_CompileCommand_getNumArgs(cmd);
    char **owned = calloc(na + 1, sizeof *owned); /* the entry's arguments we keep */
    const char **args = calloc(na + 8, sizeof *args);
    if (!owned || !args) {
      fputs("vtl_parse_floor: out of memory\n", stderr);
      return 2;
    }
    int nowned = 0, nargs = 0;
    for (unsigned k = 1; k < na; k++) { /* argv[0] is the compiler: libclang brings its own */
      CXString s = clang_CompileCommand_getArg(cmd, k);
      const char *a = clang_getCString(s);
      if (drop_with_value(a))
        k++; /* and its value */
      else if (!drop_alone(a) && !drop_joined(a) && !is_source_arg(a, file, workdir))
        args[nargs++] = owned[nowned++] = dup_str(a);
      clang_disposeString(s);
    }
    if (resource_dir[0]) {
      args[nargs++] = "-resource-dir";
      args[nargs++] = resource_dir;
    }
    args[nargs++] = "-working-directory";
    args[nargs++] = workdir;
    args[nargs++] = "-Wno-unknown-warning-option";

    /* vtasklint analyses each distinct command of a file once (compdb.c's same_command):
     * entries alike after the filter are one unit, entries that differ are two. */
    char *key = command_key(file, workdir, args, nargs);
    int dup = 0;
    for (unsigned k = 0; k < nseen && !dup; k++)
      dup = strcmp(seen[k], key) == 0;
    if (dup)
      free(key);
    else
      seen[nseen++] = key;

    CXTranslationUnit tu = NULL;
    enum CXErrorCode e =
        dup ? CXError_Success : clang_parseTranslationUnit2(idx, file, args, nargs, NULL, 0, CXTranslationUnit_KeepGoing, &tu);
    if (dup) {
      /* parsed already */
    } else if (e != CXError_Success || !tu) {
      fprintf(stderr, "vtl_parse_floor: %s: parse failed (CXErrorCode %d)\n", file, (int)e);
      failed++;
    } else {
      unsigned errors = 0, nd = clang_getNumDiagnostics(tu);
      for (unsigned k = 0; k < nd; k++) {
        CXDiagnostic dg = clang_getDiagnostic(tu, k);
        if (clang_getDiagnosticSeverity(dg) >= CXDiagnostic_Error)
          errors++;
        clang_disposeDiagnostic(dg);
      }
      if (errors) {
        fprintf(stderr, "vtl_parse_floor: %s: %u error(s)\n", file, errors);
        failed++;
      }
      clang_disposeTranslationUnit(tu);
    }

    for (int k = 0; k < nowned; k++)
      free(owned[k]);
    free(owned);
    free(args);
    free(workdir);
    free(file);
  }

  clang_disposeIndex(idx);
  for (unsigned k = 0; k < nseen; k++)
    free(seen[k]);
  free(seen);
  if (cmds)
    clang_CompileCommands_dispose(cmds);
  clang_CompilationDatabase_dispose(db);
  return failed ? 1 : 0;
}
