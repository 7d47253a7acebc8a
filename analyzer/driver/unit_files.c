/* unit_files.c: see unit_files.h. */
#include "analyzer/driver/unit_files.h"

#include <stdint.h>
#include <string.h>

#include "analyzer/driver/file_table.h"

struct collect {
  struct arena *a;
  CXTranslationUnit tu;
  CXFile main_file;
  bool seen_main;
  VEC(struct unit_file) files;
  VEC(bool) known;         /* per file: its system field is settled */
  struct file_table index; /* file -> its entry in files */
};

/* An #include in file inc tells whether inc is a system header: what
 * clang_Location_isInSystemHeader says of the #include's site. The first one of inc's
 * settles it, as the look-up of its first byte would (one source-manager entry holds all of a
 * file's bytes, and that entry's characteristic is the answer). unsettled: inc's entry
 * (index + 1) while nothing has settled it, else 0. */
static uint32_t unsettled(const struct collect *c, CXFile inc) {
  uint32_t i = inc ? file_table_get(&c->index, inc) : 0;
  return i && !c->known.v[i - 1] ? i : 0;
}

static void settle(struct collect *c, uint32_t i, bool system) {
  c->files.v[i - 1].system = system;
  c->known.v[i - 1] = true;
}

static void visit(CXFile f, CXSourceLocation *stack, unsigned len, CXClientData data) {
  struct collect *c = data;
  if (!f)
    return;
  if (file_table_get(&c->index, f)) { /* entered again: still an #include in its includer */
    if (len > 0) {
      CXFile inc = NULL;
      clang_getFileLocation(stack[0], &inc, NULL, NULL, NULL);
      uint32_t i = unsettled(c, inc);
      if (i) /* asked only then */
        settle(c, i, clang_Location_isInSystemHeader(stack[0]) != 0);
    }
    return;
  }
  struct unit_file uf = {f, false, false, !c->seen_main, NULL, 0, NULL, 0};
  bool known = true, from_system = len > 0 && clang_Location_isInSystemHeader(stack[0]);
  if (len > 0) {
    clang_getFileLocation(stack[0], &uf.includer, NULL, NULL, &uf.include_off);
    uint32_t i = unsettled(c, uf.includer);
    if (i)
      settle(c, i, from_system);
  }
  if (len == 0 && c->main_file && clang_File_isEqual(f, c->main_file))
    uf.main = c->seen_main = true, uf.preamble = false;
  else if (from_system)
    uf.system = true; /* included from a system header: one itself */
  else
    known = false; /* told by the first file it includes, else looked up after the walk */
  file_table_put(&c->index, f, (uint32_t)c->files.n);
  vec_push(c->a, &c->files, uf);
  vec_push(c->a, &c->known, known);
}

void unit_files_collect(struct arena *a, CXTranslationUnit tu, struct unit_files *out) {
  struct collect c = {a, tu, NULL, false, {0}, {0}, {0}};
  file_table_init(&c.index, a, NULL);
  CXString name = clang_getTranslationUnitSpelling(tu);
  c.main_file = clang_getFile(tu, clang_getCString(name));
  clang_disposeString(name);
  clang_getInclusions(tu, visit, &c);
  for (size_t i = 0; i < c.files.n; i++) {
    struct unit_file *uf = &c.files.v[i];
    if (!c.known.v[i]) /* includes nothing: the look-up */
      uf->system = clang_Location_isInSystemHeader(clang_getLocationForOffset(tu, uf->file, 0)) != 0;
    if (!uf->system)
      uf->text = clang_getFileContents(tu, uf->file, &uf->len);
  }
  out->v = c.files.v;
  out->n = c.files.n;
}

/* ---- a preamble's blind spot ---- */

/* dir_of: the directory part of path ("." when none), in a. */
static const char *dir_of(struct arena *a, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return ".";
  size_t n = slash == path ? 1 : (size_t)(slash - path);
  char *d = arena_alloc(a, n + 1);
  memcpy(d, path, n);
  d[n] = 0;
  return d;
}

/* search_dirs: where clang looks for an included name, as far as the arguments say: the
 * includer's directory (quoted names only), then -iquote (quoted only), -I, -isystem,
 * -idirafter, each relative to workdir. The system's own directories are not known here. */
static size_t search_dirs(struct arena *a, const char *const *args, int nargs, const char *workdir,
                          const char *main_dir, bool quoted, const char **out, size_t cap) {
  static const char *const opts[] = {"-iquote", "-I", "-isystem", "-idirafter", NULL};
  size_t n = 0;
  if (quoted && n < cap)
    out[n++] = main_dir;
  for (int o = quoted ? 0 : 1; opts[o]; o++)
    for (int i = 0; i < nargs && n < cap; i++) {
      size_t l = strlen(opts[o]);
      const char *v = NULL;
      if (strcmp(args[i], opts[o]) == 0 && i + 1 < nargs)
        v = args[++i];
      else if (strncmp(args[i], opts[o], l) == 0 && args[i][l] && !(o == 1 && args[i][l] == '-'))
        v = args[i] + l;
      if (!v || !*v)
        continue;
      if (v[0] != '/' && workdir) {
        size_t wl = strlen(workdir), vl = strlen(v);
        char *abs = arena_alloc(a, wl + vl + 2);
        memcpy(abs, workdir, wl);
        abs[wl] = '/';
        memcpy(abs + wl + 1, v, vl + 1);
        v = abs;
      }
      out[n++] = v;
    }
  return n;
}

void unit_files_add_main_includes(struct arena *a, CXTranslationUnit tu, const char *const *args, int nargs,
                                  const char *workdir, const char *text, size_t len, struct unit_files *files) {
  size_t main_i = files->n;
  for (size_t i = 0; i < files->n; i++)
    if (files->v[i].main)
      main_i = i;
  if (main_i == files->n || main_i == 0 || !files->v[0].preamble)
    return; /* no main file, or no preamble: libclang listed everything */
  CXFile main_file = files->v[main_i].file;
  CXString mn = clang_getFileName(main_file);
  const char *main_dir = dir_of(a, clang_getCString(mn));
  clang_disposeString(mn);
  const char *end = text + len;
  for (const char *p = text; p < end;) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
      eol = end;
    const char *q = p;
    while (q < eol && (*q == ' ' || *q == '\t'))
      q++;
    if (q < eol && *q == '#') {
      q++;
      while (q < eol && (*q == ' ' || *q == '\t'))
        q++;
      size_t left = (size_t)(eol - q);
      size_t kw = left >= 12 && memcmp(q, "include_next", 12) == 0 ? 12
                  : left >= 7 && memcmp(q, "include", 7) == 0      ? 7
                  : left >= 6 && memcmp(q, "import", 6) == 0       ? 6
                                                                   : 0;
      q += kw;
      while (kw && q < eol && (*q == ' ' || *q == '\t'))
        q++;
      char close = kw && q < eol ? (*q == '"' ? '"' : *q == '<' ? '>' : 0) : 0;
      const char *name = q + 1, *ne = close ? memchr(name, close, (size_t)(eol - name)) : NULL;
      if (ne && ne > name) {
        const char *dirs[64];
        size_t nd = name[0] == '/' ? 1 : search_dirs(a, args, nargs, workdir, main_dir, close == '"', dirs, 64);
        for (size_t d = 0; d < nd; d++) {
          size_t dl = name[0] == '/' ? 0 : strlen(dirs[d]), nl = (size_t)(ne - name);
          char *cand = arena_alloc(a, dl + nl + 2);
          if (dl) {
            memcpy(cand, dirs[d], dl);
            cand[dl] = '/';
            dl++;
          }
          memcpy(cand + dl, name, nl);
          cand[dl + nl] = 0;
          CXFile f = clang_getFile(tu, cand);
          if (!f)
            continue;
          bool listed = false;
          for (size_t i = 0; i < files->n && !listed; i++)
            listed = clang_File_isEqual(files->v[i].file, f) != 0;
          CXSourceLocation at = listed ? clang_getNullLocation() : clang_getLocationForOffset(tu, f, 0);
          if (clang_equalLocations(at, clang_getNullLocation()))
            continue; /* listed already, or not entered by this unit */
          struct unit_file uf = {f, false, clang_Location_isInSystemHeader(at) != 0, false, NULL, 0, main_file,
                                 (unsigned)(q - text)};
          if (!uf.system)
            uf.text = clang_getFileContents(tu, f, &uf.len);
          /* before the first file it included, else last: about where clang entered it */
          size_t at_i = files->n;
          for (size_t i = main_i + 1; i < files->n && at_i == files->n; i++)
            if (files->v[i].includer && clang_File_isEqual(files->v[i].includer, f))
              at_i = i;
          struct unit_file *v = ARENA_ARRAY(a, struct unit_file, files->n + 1);
          memcpy(v, files->v, sizeof *v * at_i);
          v[at_i] = uf;
          memcpy(v + at_i + 1, files->v + at_i, sizeof *v * (files->n - at_i));
          files->v = v;
          files->n++;
        }
      }
    }
    p = eol + 1;
  }
}
