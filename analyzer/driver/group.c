/* group.c: see group.h. */
#include "analyzer/driver/group.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analyzer/driver/cmd_macros.h"
#include "analyzer/driver/header_lang.h"
#include "analyzer/driver/preamble.h"
#include "analyzer/support/path.h"

struct group_worker {
  CXIndex idx;              /* for preamble units: stores preambles under dir */
  char *dir;                /* cache_dir/pch, or NULL */
  uint32_t group;           /* the group being shared, while path is set */
  char *path;               /* its first unit's main file: every later unit is parsed as it */
  CXTranslationUnit tu;     /* the kept unit, with the group's preamble; NULL: none yet */
  bool reusable;            /* the first unit's record of the headers can serve the next */
  unsigned built;           /* preambles built (group_worker_built) */
  uint32_t plain;           /* a group whose preamble is too cheap to share (PREAMBLE_NONE: none) */
  uint32_t begun;           /* the last group whose first unit came here (PREAMBLE_NONE: none) */
  struct strbuf pre;        /* its preamble's bytes, as read before its parse: the part of its
                               first unit's text that the group shares (preamble.c, "prefixes") */
  struct strbuf pre_dirs;   /* their directives, as preamble_prefix gives them */
  char **args;              /* its command (the kept unit's: a reparse keeps it) */
  int nargs;
  struct cmd_words pre_words; /* what the preamble and every file it includes spell (see
                                 macros_unread) */
  unsigned pre_lines;
  struct diag_list headers; /* the record (unit_share) */
  struct strbuf files;
};

struct group_worker *group_worker_new(const char *cache_dir) {
  struct group_worker *gw = calloc(1, sizeof *gw);
  if (!gw)
    return NULL;
  diag_list_init(&gw->headers);
  gw->plain = PREAMBLE_NONE;
  gw->begun = PREAMBLE_NONE;
  if (cache_dir) {
    /* absolute: libclang resolves a relative storage path against each unit's directory */
    char *abs = path_absolute(cache_dir, NULL);
    size_t n = strlen(abs) + sizeof "/pch";
    gw->dir = malloc(n);
    if (gw->dir) {
      snprintf(gw->dir, n, "%s/pch", abs);
      if (mkdir(gw->dir, 0700) != 0) {
        struct stat st;
        if (lstat(gw->dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077)) {
          free(gw->dir); /* not ours alone: libclang's temporary directory instead */
          gw->dir = NULL;
        }
      }
    }
    free(abs);
  }
  CXIndexOptions o;
  memset(&o, 0, sizeof o);
  o.Size = sizeof o;
  o.PreambleStoragePath = gw->dir;
  gw->idx = clang_createIndexWithOptions(&o);
  return gw;
}

void group_sweep(const char *cache_dir) {
  char *abs = path_absolute(cache_dir, NULL);
  struct strbuf d = STRBUF_INIT;
  sb_addf(&d, "%s/pch", abs);
  free(abs);
  int fd = open(sb_cstr(&d), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  sb_release(&d);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0 || st.st_uid != geteuid() || (st.st_mode & 077)) {
    if (fd >= 0)
      close(fd);
    return; /* not ours alone (group_worker_new would not use it either) */
  }
  DIR *dir = fdopendir(fd);
  if (!dir) {
    close(fd);
    return;
  }
  time_t now = time(NULL);
  for (struct dirent *e; (e = readdir(dir));) {
    size_t n = strlen(e->d_name);
    if (strncmp(e->d_name, "preamble-", 9) != 0 || n < 13 || strcmp(e->d_name + n - 4, ".pch") != 0)
      continue;
    if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
        now - st.st_mtime > GROUP_STALE_SECONDS)
      unlinkat(fd, e->d_name, 0);
  }
  closedir(dir);
}

static void drop(struct group_worker *gw) {
  if (gw->tu)
    clang_disposeTranslationUnit(gw->tu);
  gw->tu = NULL;
  gw->reusable = false;
  free(gw->path);
  gw->path = NULL;
  diag_list_release(&gw->headers);
  diag_list_init(&gw->headers);
  sb_reset(&gw->files);
  sb_reset(&gw->pre);
  sb_reset(&gw->pre_dirs);
  for (int i = 0; i < gw->nargs; i++)
    free(gw->args[i]);
  free(gw->args);
  gw->args = NULL;
  gw->nargs = 0;
  cmd_words_release(&gw->pre_words);
}

void group_worker_free(struct group_worker *gw) {
  if (!gw)
    return;
  drop(gw);
  sb_release(&gw->files);
  sb_release(&gw->pre);
  sb_release(&gw->pre_dirs);
  if (gw->idx)
    clang_disposeIndex(gw->idx);
  free(gw->dir);
  free(gw);
}

/* errors_outside: clang reported an error in tu at a place not in file `main` (NULL: any error). */
static bool errors_outside(CXTranslationUnit tu, CXFile main) {
  unsigned n = clang_getNumDiagnostics(tu);
  bool bad = false;
  for (unsigned i = 0; i < n && !bad; i++) {
    CXDiagnostic d = clang_getDiagnostic(tu, i);
    if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
      CXFile f = NULL;
      clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, NULL, NULL, NULL);
      bad = !main || !f || !clang_File_isEqual(f, main);
    }
    clang_disposeDiagnostic(d);
  }
  return bad;
}

/* ---- macros ----
 *
 * Units whose commands differ in their -D and -U only are grouped (preamble.c) and share the
 * preamble when it never spells a macro that differs (cmd_macros.h): the words of the preamble
 * and of every file it includes, gathered once per group from the kept unit (their hashes:
 * the text itself, 2.2 MB of headers on bench/gen.sh's C++ units, would lie under every
 * preamble build of the group, the worker's peak). */

struct gather {
  CXTranslationUnit tu;
  unsigned pre;
  struct cmd_words *out;
  size_t bytes; /* of the files gathered (a file included twice counts twice) */
};

static void gather_file(CXFile f, CXSourceLocation *stack, unsigned len, CXClientData data) {
  struct gather *g = data;
  if (len == 0)
    return; /* the main file: its preamble is gw->pre */
  unsigned off = 0;
  clang_getFileLocation(stack[len - 1], NULL, NULL, NULL, &off);
  size_t size = 0;
  const char *text = off < g->pre ? clang_getFileContents(g->tu, f, &size) : NULL;
  g->bytes += text ? size : 0;
  if (text)
    cmd_words_add(g->out, text, size);
}

/* gather_preamble_words: gw->pre_words, from the group's first unit tu; the bytes of the files
 * the preamble included, directly or not. */
static size_t gather_preamble_words(struct group_worker *gw, CXTranslationUnit tu) {
  cmd_words_add(&gw->pre_words, gw->pre.buf, gw->pre.len);
  struct gather g = {tu, (unsigned)gw->pre.len, &gw->pre_words, 0};
  clang_getInclusions(tu, gather_file, &g);
  return g.bytes;
}

/* macros_unread: no name of names (each ended by '\0') is spelled by the group's preamble. */
static bool macros_unread(const struct group_worker *gw, const struct strbuf *names) {
  for (size_t i = 0; i < names->len; i += strlen(names->buf + i) + 1)
    if (cmd_words_has(&gw->pre_words, names->buf + i))
      return false;
  return true;
}

/* ---- the first unit builds the preamble ----
 *
 * The group's first unit is parsed the way every later unit is: as the group's file, whose text
 * is the shared part of the preamble, then this unit's own directives and body (see reparse),
 * with CXTranslationUnit_CreatePreambleOnFirstParse, so that its parse builds the precompiled
 * preamble; its analysis records what the preamble's headers gave (reparse's record), and
 * each later unit is a clang_reparseTranslationUnit of the same translation unit.
 *
 * The preamble has every function body, and is built with -fpch-instantiate-templates, as
 * CMake builds every precompiled header for clang: the templates the headers' own inline
 * functions use are instantiated once, at the end of the preamble, and stored in it. Without
 * it every unit instantiates them again at its end, and a reparse costs nearly a plain parse:
 * spdlog's header-only tests (catch.hpp, spdlog, fmt) took 1.7-2.0 s a unit on the shared
 * preamble against 2.5 s plainly, and take 0.05-0.35 s with it. The point of instantiation is
 * then the end of the preamble instead of the end of the unit; a program whose meaning depends
 * on which of the two it is (a declaration of the unit's own found by the headers' templates)
 * is ill-formed, no diagnostic required ([temp.point]), and the ones that are not are the
 * same. A template that fails to instantiate there fails in the preamble: an error.
 *
 * Until session 10 the first unit was a plain parse, the second built a preamble without the
 * headers' function bodies (SkipFunctionBodies) when the first unit's code needed none, and a
 * later unit whose code did (a template or generic lambda of its own, a tracked value passed
 * to a bodiless callee) made the group build it again with them. On real suites the later
 * unit nearly always came: a group paid a plain parse and two builds. Building once, at the
 * first unit, with the bodies: spdlog 1.10's 52 units 66.9 s -> 40.9 s at -j1, bench/gen.sh
 * 200's 29.6 s -> 20.7 s; asio 1.22's examples 225 s with a bodiless preamble after the first
 * unit against 190 s without one (bench/run.sh, docs/performance.md). The price is a build
 * instead of a plain parse for a group whose headers turn out cheaper than GROUP_MIN_BYTES (it
 * costs about a plain parse and a fifth; the group's later units then parse on their own).
 *
 * A unit in which clang found an error outside its own file is parsed on its own (one found at
 * the preamble's end may be one the unit's own parse never meets; an error in the unit's own
 * code is the same either way); at the first unit the group's units all are. Either way the
 * shared unit is disposed first: two whole translation units at once would be the worker's
 * peak memory. */

/* reparse: the kept unit with the kept preamble and in's body; false if that could not be done
 * (then nothing was added to out; the kept unit may be gone), with *other_macros set when the
 * reason is that in's command defines a macro the preamble reads otherwise. first: in is the
 * group's first unit, whose text group_analyze has read (gw->pre is its shared part), and which
 * records what the headers gave; NULL: a later unit, read here. */
static bool reparse(struct group_worker *gw, const struct unit_input *in, const struct unit_config *cfg,
                    const struct strbuf *first, struct diag_list *out, bool *other_macros) {
  bool record = first != NULL;
  struct strbuf own = STRBUF_INIT, tu_text = STRBUF_INIT; /* own: a later unit's text */
  const struct strbuf *text = record ? first : &own;
  size_t pre = gw->pre.len;
  if (!record) {
    if (sb_read_file(&own, in->path) != 0) {
      sb_release(&own);
      return false;
    }
    /* the part of this unit's text the group shares: directives the same as the first's */
    struct strbuf dirs = STRBUF_INIT;
    pre = preamble_prefix(own.buf, own.len, gw->pre_dirs.len, &dirs);
    bool same = pre > 0 && own.buf[pre - 1] == '\n' && dirs.len == gw->pre_dirs.len &&
                memcmp(dirs.buf, gw->pre_dirs.buf, dirs.len) == 0;
    sb_release(&dirs);
    if (!same) { /* changed since it was grouped */
      sb_release(&own);
      return false;
    }
  }
  /* this unit's -D and -U, where they differ from the kept unit's command */
  struct strbuf fix = STRBUF_INIT, names = STRBUF_INIT;
  unsigned fix_lines = 0;
  bool macros_ok = cmd_macros_rebase((const char *const *)gw->args, gw->nargs, in->args, in->nargs, &fix,
                                     &fix_lines, &names) &&
                   macros_unread(gw, &names);
  sb_release(&names);
  if (!macros_ok) {
    *other_macros = true;
    sb_release(&fix);
    sb_release(&own);
    return false;
  }
  /* The unit's own directives after the shared part are parsed as code: behind a token that
   * ends clang's preamble where the group's does (the fence is fix's first line, if any). */
  if (fix.len == 0 && pre < preamble_size(text->buf, text->len)) {
    sb_adds(&fix, CMD_MACROS_FENCE "\n");
    fix_lines++;
  }
  sb_add(&tu_text, gw->pre.buf, gw->pre.len);
  sb_add(&tu_text, fix.buf, fix.len);
  sb_release(&fix);
  sb_add(&tu_text, text->buf + pre, text->len - pre);
  struct CXUnsavedFile uf = {gw->path, tu_text.buf, tu_text.len};
  int e;
  if (!gw->tu) { /* the group's first unit, or the first after a failure (see above) */
    /* the kept unit's command, and its preamble's templates instantiated once */
    const char **args = calloc((size_t)gw->nargs + 1, sizeof *args);
    if (!args) {
      drop(gw);
      sb_release(&tu_text);
      sb_release(&own);
      return false;
    }
    memcpy(args, gw->args, sizeof *args * (size_t)gw->nargs);
    args[gw->nargs] = "-fpch-instantiate-templates";
    struct unit_input as_first = *in;
    as_first.path = gw->path;
    as_first.args = args;
    as_first.nargs = gw->nargs + 1;
    as_first.contents = tu_text.buf;
    as_first.contents_len = tu_text.len;
    struct strbuf why = STRBUF_INIT;
    e = unit_parse(gw->idx, &as_first, cfg,
                   CXTranslationUnit_PrecompiledPreamble | CXTranslationUnit_CreatePreambleOnFirstParse, &gw->tu,
                   &why);
    sb_release(&why);
    free(args);
    if (e == 0)
      gw->built++;
  } else {
    e = clang_reparseTranslationUnit(gw->tu, 1, &uf, clang_defaultReparseOptions(gw->tu));
  }
  sb_release(&tu_text); /* libclang copied it */
  if (e != 0) {
    drop(gw); /* a failed unit_parse left gw->tu NULL */
    sb_release(&own);
    return false;
  }
  if (errors_outside(gw->tu, clang_getFile(gw->tu, gw->path))) {
    clang_disposeTranslationUnit(gw->tu); /* see above */
    gw->tu = NULL;
    sb_release(&own);
    return false;
  }
  struct diag_list mine;
  diag_list_init(&mine);
  struct unit_share share = {gw->path, text->buf, text->len, gw->pre_lines + fix_lines,
                             (unsigned)preamble_lines(text->buf, pre), record, gw->reusable && !record,
                             &gw->headers, &gw->files,
                             false, false, false, false};
  unit_analyze_shared(gw->tu, in, cfg, &mine, &share);
  sb_release(&own);
  if (record)
    gw->reusable = !share.unsure && !share.errors && !share.unmappable;
  if (!share.unmappable)
    diag_append(out, &mine);
  diag_list_release(&mine);
  return !share.unmappable;
}

unsigned group_worker_built(const struct group_worker *gw) { return gw ? gw->built : 0; }

int group_analyze(struct group_worker *gw, CXIndex idx, const struct unit_input *in, const struct unit_config *cfg,
                  uint32_t group, size_t group_units, size_t set_units, uint32_t prefix, struct diag_list *out,
                  struct strbuf *err, bool *shared) {
  *shared = false;
  if (!gw || !gw->idx || group == PREAMBLE_NONE || cfg->dump_cfg) {
    if (gw)
      drop(gw);
    return unit_analyze(idx, in, cfg, out, err);
  }
  if (gw->path && gw->group == group) {
    bool other_macros = false;
    if (reparse(gw, in, cfg, NULL, out, &other_macros)) {
      *shared = true;
      return 0;
    }
    if (in->deps)
      unit_deps_release(in->deps);
    /* a finding in the other unit's preamble, a changed file, a failed reparse: on its own,
     * with the files of its own parse only */
    if (!other_macros)
      return unit_analyze(idx, in, cfg, out, err);
    /* Its command defines a macro the headers read otherwise: the first of the group's units
     * with its -D and -U (pool.c puts them after the others), which share a preamble of their
     * own from here. */
  }
  drop(gw);
  if (gw->plain == group || !compdb_args_are_cxx(in->path, in->args, in->nargs)) /* C: see group.h */
    return unit_analyze(idx, in, cfg, out, err);
  /* The first unit of its group here: its text, read once (reparse parses these bytes, and
   * its shared part is what the later units are compared with). */
  struct strbuf text = STRBUF_INIT;
  size_t pre = 0;
  if (sb_read_file(&text, in->path) == 0)
    pre = preamble_prefix(text.buf, text.len, prefix, &gw->pre_dirs);
  /* A build costs more than a plain parse, so it is made only for units to reuse it: at the
   * group's first unit, when a unit with the same -D and -U follows, or when at least
   * GROUP_GAMBLE_UNITS do with others (they reuse it if the preamble turns out not to read the
   * macros that differ); at the first of a later set (a unit whose -D or -U the preamble reads
   * otherwise, or the next after it), only when units with the same -D and -U follow: three
   * units each with a macro of its own that the headers read build one preamble, not three,
   * and a pair whose two commands differ in a macro builds none (spdlog's example.cpp, once
   * with SPDLOG_COMPILED_LIB and once without: a build for nothing, and a peak of memory). */
  bool later_set = gw->begun == group;
  gw->begun = group;
  bool reusers = set_units >= GROUP_MIN_UNITS || (!later_set && group_units >= GROUP_GAMBLE_UNITS);
  if (pre == 0 || text.buf[pre - 1] != '\n' || !reusers) { /* a set is part of its group */
    sb_release(&text);
    return unit_analyze(idx, in, cfg, out, err);
  }
  sb_add(&gw->pre, text.buf, pre);
  gw->pre_lines = (unsigned)preamble_lines(text.buf, pre);
  gw->group = group;
  gw->path = strdup(in->path);
  gw->args = calloc((size_t)in->nargs + 1, sizeof *gw->args);
  for (int i = 0; gw->args && i < in->nargs; i++)
    if ((gw->args[gw->nargs] = strdup(in->args[i])) != NULL)
      gw->nargs++;
  /* Its parse builds the group's preamble and its analysis records what the preamble's
   * headers gave (see "the first unit builds the preamble"). */
  bool other_macros = false;
  bool ok = gw->path && gw->args && gw->nargs == in->nargs && reparse(gw, in, cfg, &text, out, &other_macros);
  sb_release(&text);
  if (!ok) {
    /* out of memory; a failed build; clang's errors outside its file; a finding in the
     * preamble's lines: on its own, and so are the group's next units here */
    gw->plain = group;
    drop(gw);
    if (in->deps)
      unit_deps_release(in->deps);
    return unit_analyze(idx, in, cfg, out, err);
  }
  if (gather_preamble_words(gw, gw->tu) < GROUP_MIN_BYTES) {
    /* cheap headers parse faster than a preamble is written and read back: the group's next
     * units here parse on their own */
    gw->plain = group;
    drop(gw);
  }
  return 0;
}
