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

#include "analyzer/driver/header_lang.h"
#include "analyzer/driver/preamble.h"
#include "analyzer/support/path.h"

struct group_worker {
  CXIndex idx;              /* for preamble units: stores preambles under dir */
  char *dir;                /* cache_dir/pch, or NULL */
  CXTranslationUnit tu;     /* the kept unit, or NULL */
  uint32_t group;
  char *path;               /* its main file's name */
  bool reusable;            /* its record of the headers can serve the next units */
  bool built;               /* a preamble was built (by the first reparse): recorded */
  bool bodiless;            /* tu's preamble has no function bodies (see "bodies" below) */
  unsigned needed_bodies;   /* units of the group that fell back for a body */
  uint32_t plain;           /* a group whose preamble is too cheap to share (PREAMBLE_NONE: none) */
  struct strbuf pre;        /* its preamble's bytes, as read before its parse */
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
  gw->built = false;
  gw->reusable = false;
  gw->bodiless = false;
  gw->needed_bodies = 0;
  free(gw->path);
  gw->path = NULL;
  diag_list_release(&gw->headers);
  diag_list_init(&gw->headers);
  sb_reset(&gw->files);
  sb_reset(&gw->pre);
}

void group_worker_free(struct group_worker *gw) {
  if (!gw)
    return;
  drop(gw);
  sb_release(&gw->files);
  sb_release(&gw->pre);
  if (gw->idx)
    clang_disposeIndex(gw->idx);
  free(gw->dir);
  free(gw);
}

/* has_errors: clang reported an error in tu. */
static bool has_errors(CXTranslationUnit tu) {
  unsigned n = clang_getNumDiagnostics(tu);
  bool bad = false;
  for (unsigned i = 0; i < n && !bad; i++) {
    CXDiagnostic d = clang_getDiagnostic(tu, i);
    bad = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;
    clang_disposeDiagnostic(d);
  }
  return bad;
}

struct bytes {
  CXTranslationUnit tu;
  unsigned pre;
  size_t n;
};

static void count_bytes(CXFile f, CXSourceLocation *stack, unsigned len, CXClientData data) {
  struct bytes *b = data;
  if (len == 0)
    return; /* the main file */
  unsigned off = 0;
  clang_getFileLocation(stack[len - 1], NULL, NULL, NULL, &off); /* its #include in the main file */
  size_t size = 0;
  if (off < b->pre && clang_getFileContents(b->tu, f, &size))
    b->n += size;
}

/* preamble_bytes: the bytes of the files the first pre bytes of tu's main file included,
 * directly or not (a file included twice counts twice). */
static size_t preamble_bytes(CXTranslationUnit tu, size_t pre) {
  struct bytes b = {tu, (unsigned)pre, 0};
  clang_getInclusions(tu, count_bytes, &b);
  return b.n;
}

/* ---- bodies ----
 *
 * Once the record of the preamble's headers is made and reusable, the later units of the
 * group need nothing of those headers' function bodies but the summaries of the callees their
 * own code passes a tracked value to (flow/summary.h), and clang's work on them is most of
 * a C++ unit's parse: instantiating, at the end of the unit, the headers' function templates
 * its code uses. So the third unit starts a new translation unit, whose preamble (the same
 * bytes, the same files) is parsed without the bodies of its functions
 * (CXTranslationUnit_SkipFunctionBodies with LimitSkipFunctionBodiesToPreamble; clang keeps
 * those a declaration needs: constexpr functions, deduced return types), and every later unit
 * is a reparse of it. Such a unit is parsed again on its own, with every body, whenever its
 * analysis asked for a callee's body outside its own text (unit_input.bodies_needed) or clang
 * found any error in it (errors in the skipped bodies would have been reported). After
 * BODIES_GIVE_UP such fallbacks the group goes back to its preamble with bodies. */
enum { BODIES_GIVE_UP = 2 };

static const unsigned SKIP_BODIES =
    CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_LimitSkipFunctionBodiesToPreamble;

/* reparse: the kept unit with the kept preamble and in's body; false if that could not be
 * done (then nothing was added to out; the kept unit may be gone). */
static bool reparse(struct group_worker *gw, const struct unit_input *in, const struct unit_config *cfg,
                    struct diag_list *out) {
  struct strbuf text = STRBUF_INIT, tu_text = STRBUF_INIT;
  if (sb_read_file(&text, in->path) != 0) {
    sb_release(&text);
    return false;
  }
  size_t pre = preamble_size(text.buf, text.len);
  if (pre == 0 || text.buf[pre - 1] != '\n') { /* changed since it was grouped */
    sb_release(&text);
    return false;
  }
  sb_add(&tu_text, gw->pre.buf, gw->pre.len);
  sb_add(&tu_text, text.buf + pre, text.len - pre);
  struct CXUnsavedFile uf = {gw->path, tu_text.buf, tu_text.len};
  int e;
  /* Bodies or none (see "bodies"): none once the record is made and reusable, until the
   * group's units have needed them BODIES_GIVE_UP times. */
  bool bodiless = gw->built && gw->reusable && gw->needed_bodies < BODIES_GIVE_UP;
  if (bodiless != gw->bodiless) {
    clang_disposeTranslationUnit(gw->tu);
    struct unit_input as_first = *in;
    as_first.path = gw->path;
    as_first.contents = tu_text.buf;
    as_first.contents_len = tu_text.len;
    struct strbuf why = STRBUF_INIT;
    unsigned flags = CXTranslationUnit_PrecompiledPreamble | CXTranslationUnit_CreatePreambleOnFirstParse;
    e = unit_parse(gw->idx, &as_first, cfg, bodiless ? flags | SKIP_BODIES : flags, &gw->tu, &why);
    sb_release(&why);
    gw->bodiless = bodiless;
  } else {
    e = clang_reparseTranslationUnit(gw->tu, 1, &uf, clang_defaultReparseOptions(gw->tu));
  }
  sb_release(&tu_text); /* libclang copied it */
  if (e != 0) {
    drop(gw); /* a failed unit_parse left gw->tu NULL */
    sb_release(&text);
    return false;
  }
  if (gw->bodiless && has_errors(gw->tu)) {
    sb_release(&text);
    return false;
  }
  struct diag_list mine;
  diag_list_init(&mine);
  /* The first reparse built the preamble: its analysis records the headers' results. */
  bool record = !gw->built;
  struct unit_share share = {gw->path, text.buf, text.len, gw->pre_lines, (unsigned)preamble_lines(text.buf, pre),
                             record, gw->reusable, &gw->headers, &gw->files, false, false, false, false};
  bool needed = false;
  struct unit_input own = *in;
  own.bodies_needed = gw->bodiless ? &needed : NULL;
  unit_analyze_shared(gw->tu, &own, cfg, &mine, &share);
  sb_release(&text);
  bool ok = !share.unmappable && !needed && (!gw->bodiless || share.reused);
  if (needed)
    gw->needed_bodies++;
  if (record) {
    gw->built = true;
    gw->reusable = ok && !share.unsure && !share.errors;
  }
  if (record && share.errors) { /* clang's errors may sit in the preamble: no more sharing */
    gw->plain = gw->group;
    drop(gw);
  }
  if (ok)
    diag_append(out, &mine);
  diag_list_release(&mine);
  return ok;
}

int group_analyze(struct group_worker *gw, CXIndex idx, const struct unit_input *in, const struct unit_config *cfg,
                  uint32_t group, size_t group_units, struct diag_list *out, struct strbuf *err, bool *shared) {
  *shared = false;
  if (!gw || !gw->idx || group == PREAMBLE_NONE || cfg->dump_cfg) {
    if (gw)
      drop(gw);
    return unit_analyze(idx, in, cfg, out, err);
  }
  if (gw->tu && gw->group == group) {
    if (reparse(gw, in, cfg, out)) {
      *shared = true;
      return 0;
    }
    /* a finding in the other unit's preamble, a changed file, a failed reparse: on its own,
     * with the files of its own parse only */
    if (in->deps)
      unit_deps_release(in->deps);
    return unit_analyze(idx, in, cfg, out, err);
  }
  drop(gw);
  if (gw->plain == group || !compdb_args_are_cxx(in->path, in->args, in->nargs)) /* C: see group.h */
    return unit_analyze(idx, in, cfg, out, err);
  /* The first unit of its group here: its preamble's bytes as they are now (libclang reads the
   * file just after; a change in between only costs the reuse: reparse() checks). */
  struct strbuf text = STRBUF_INIT;
  size_t pre = 0;
  if (sb_read_file(&text, in->path) == 0)
    pre = preamble_size(text.buf, text.len);
  if (pre == 0 || text.buf[pre - 1] != '\n' || group_units < GROUP_MIN_UNITS) {
    sb_release(&text);
    return unit_analyze(idx, in, cfg, out, err);
  }
  sb_add(&gw->pre, text.buf, pre);
  gw->pre_lines = (unsigned)preamble_lines(text.buf, pre);
  sb_release(&text);
  /* A plain parse (libclang builds the preamble on the first reparse, not now), analysed as
   * any unit is; kept when its preamble's headers are worth precompiling. */
  CXTranslationUnit tu;
  if (unit_parse(gw->idx, in, cfg, CXTranslationUnit_PrecompiledPreamble, &tu, err) != 0) {
    drop(gw);
    return -1;
  }
  unit_analyze_tu(tu, in, cfg, out);
  gw->tu = tu;
  gw->group = group;
  gw->path = strdup(in->path);
  if (!gw->path || has_errors(tu) || preamble_bytes(tu, pre) < GROUP_MIN_BYTES) {
    /* clang's errors may sit in the preamble; cheap headers parse faster than a preamble is
     * written and read back: the group's next units here parse on their own */
    gw->plain = group;
    drop(gw);
  }
  return 0;
}
