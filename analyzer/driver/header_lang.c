/* header_lang.c: see header_lang.h.
 *
 * The includers: on the first header without an entry, each unit's source is read once (its
 * first HEADER_SCAN_BYTES: the #include lines are at the top; at most HEADER_SCAN_UNITS
 * units, so a huge database costs one bounded pass, not one per header) and every
 * `#include "x"` / `<x>` (and #include_next, #import) is indexed by the spelled name's last
 * component. A header then looks up its own base name and checks, for each unit that spells
 * it, that the spelling resolves to it: against the unit's directory (quoted forms), then each
 * -I, -iquote, -isystem and -idirafter directory of its command. A direct include is enough
 * (a header reached only through another header falls through to the next rule). Of several
 * includers, the one sharing the longest directory with the header wins. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "analyzer/driver/header_lang.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/support/hash.h"
#include "analyzer/support/path.h"

struct spelled {
  uint32_t unit;     /* index into all[] */
  uint32_t next;     /* next spelling with the same base name (index + 1; 0: none) */
  char *name;        /* as written between the quotes or brackets */
};

struct header_index {
  struct spelled *v;
  size_t n, cap;
  uint32_t *slots; /* base-name hash -> first spelling (index + 1) */
  size_t nslots;
};

static const char *base_of(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

static uint32_t *slot_for(struct header_index *x, const char *base) {
  size_t m = x->nslots - 1, h = (size_t)hash_bytes(base, strlen(base)) & m;
  while (x->slots[h] && strcmp(base_of(x->v[x->slots[h] - 1].name), base) != 0)
    h = (h + 1) & m;
  return &x->slots[h];
}

static void add_spelling(struct header_index *x, uint32_t unit, const char *name, size_t len) {
  if (x->n == x->cap) {
    x->cap = x->cap ? x->cap * 2 : 256;
    struct spelled *g = realloc(x->v, sizeof *g * x->cap);
    if (!g)
      return;
    x->v = g;
  }
  struct spelled *s = &x->v[x->n];
  s->unit = unit;
  s->name = strndup(name, len);
  if (!s->name)
    return;
  x->n++;
}

/* scan: the #include spellings of one source's text. */
static void scan(struct header_index *x, uint32_t unit, const char *t, size_t len) {
  const char *end = t + len;
  for (const char *p = t; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    const char *q = p;
    while (q < le && (*q == ' ' || *q == '\t'))
      q++;
    if (q < le && *q == '#') {
      q++;
      while (q < le && (*q == ' ' || *q == '\t'))
        q++;
      size_t kw = (size_t)(le - q);
      size_t skip = kw >= 12 && !strncmp(q, "include_next", 12) ? 12
                    : kw >= 7 && !strncmp(q, "include", 7)      ? 7
                    : kw >= 6 && !strncmp(q, "import", 6)       ? 6
                                                                : 0;
      if (skip) {
        q += skip;
        while (q < le && (*q == ' ' || *q == '\t'))
          q++;
        if (q < le && (*q == '"' || *q == '<')) {
          char close = *q == '"' ? '"' : '>';
          const char *s = ++q;
          while (q < le && *q != close)
            q++;
          if (q < le && q > s)
            add_spelling(x, unit, s, (size_t)(q - s));
        }
      }
    }
    p = nl ? nl + 1 : end;
  }
}

static struct header_index *build(const struct job *all, size_t n) {
  struct header_index *x = calloc(1, sizeof *x);
  if (!x)
    return NULL;
  size_t units = n < HEADER_SCAN_UNITS ? n : HEADER_SCAN_UNITS;
  char *buf = malloc(HEADER_SCAN_BYTES);
  for (size_t i = 0; buf && i < units; i++) {
    FILE *f = fopen(all[i].file, "r");
    if (!f)
      continue;
    size_t got = fread(buf, 1, HEADER_SCAN_BYTES, f);
    fclose(f);
    scan(x, (uint32_t)i, buf, got);
  }
  free(buf);
  x->nslots = 64;
  while (x->nslots < x->n * 2 + 1)
    x->nslots *= 2;
  x->slots = calloc(x->nslots, sizeof *x->slots);
  if (!x->slots) {
    header_index_free(x);
    return NULL;
  }
  /* chains in reverse, so that walking one visits the spellings in file order */
  for (size_t i = x->n; i-- > 0;) {
    uint32_t *s = slot_for(x, base_of(x->v[i].name));
    x->v[i].next = *s;
    *s = (uint32_t)i + 1;
  }
  return x;
}

void header_index_free(struct header_index *x) {
  if (!x)
    return;
  for (size_t i = 0; i < x->n; i++)
    free(x->v[i].name);
  free(x->v);
  free(x->slots);
  free(x);
}

/* same_file: a and b name one file (lexically, else by real path). */
static bool same_file(const char *cand, const char *abs, const char *abs_real) {
  if (strcmp(cand, abs) == 0)
    return true;
  if (!abs_real)
    return false;
  char *r = realpath(cand, NULL);
  bool same = r && strcmp(r, abs_real) == 0;
  free(r);
  return same;
}

static bool resolves_in(const char *dir, const char *name, const char *abs, const char *abs_real) {
  char *cand = path_absolute(name, dir);
  bool r = same_file(cand, abs, abs_real);
  free(cand);
  return r;
}

/* includes: unit j's spelling name reaches the header abs. */
static bool includes(const struct job *j, const char *name, const char *abs, const char *abs_real) {
  if (name[0] == '/')
    return same_file(name, abs, abs_real);
  char *dir = strdup(j->file);
  char *slash = dir ? strrchr(dir, '/') : NULL;
  if (slash)
    *slash = 0;
  bool r = dir && resolves_in(*dir ? dir : "/", name, abs, abs_real);
  free(dir);
  static const char *const opts[] = {"-I", "-iquote", "-isystem", "-idirafter", NULL};
  for (int i = 0; !r && i < j->nargs; i++) {
    for (const char *const *o = opts; *o && !r; o++) {
      size_t ol = strlen(*o);
      if (strncmp(j->args[i], *o, ol) != 0)
        continue;
      const char *d = j->args[i][ol] ? j->args[i] + ol : i + 1 < j->nargs ? j->args[i + 1] : NULL;
      if (d && *d == '=')
        d++;
      if (!d)
        continue;
      char *absdir = path_absolute(d, j->workdir);
      r = resolves_in(absdir, name, abs, abs_real);
      free(absdir);
    }
  }
  return r;
}

enum src_lang compdb_args_lang(const char *path, const char *const *argv, int argc) {
  const char *x = NULL;
  for (int i = 0; i < argc; i++) {
    if (!strcmp(argv[i], "-x") && i + 1 < argc)
      x = argv[++i];
    else if (!strncmp(argv[i], "-x", 2) && argv[i][2])
      x = argv[i] + 2;
  }
  if (x)
    return strstr(x, "c++") ? SRC_CXX : !strncmp(x, "objective-c", 11) ? SRC_OBJC : SRC_C;
  if (path_is_cxx(path))
    return SRC_CXX;
  const char *dot = strrchr(path, '.');
  return dot && (!strcmp(dot, ".m") || !strcmp(dot, ".mm")) ? SRC_OBJC : SRC_C;
}

/* The extensions of what clang's driver (or another compiler a build runs) does not read as C,
 * C++ or Objective-C, and the -x names of such languages. */
static const struct {
  const char *ext_or_x;
  const char *language;
} other_languages[] = {
    {"s", "assembler"}, {"S", "assembler"}, {"sx", "assembler"}, {"asm", "assembler"},
    {"assembler", "assembler"}, {"assembler-with-cpp", "assembler"},
    {"f", "Fortran"}, {"for", "Fortran"}, {"ftn", "Fortran"}, {"fpp", "Fortran"}, {"f77", "Fortran"},
    {"f90", "Fortran"}, {"f95", "Fortran"}, {"f03", "Fortran"}, {"f08", "Fortran"}, {"F", "Fortran"},
    {"FOR", "Fortran"}, {"FPP", "Fortran"}, {"F90", "Fortran"}, {"F95", "Fortran"}, {"F03", "Fortran"},
    {"F08", "Fortran"}, {"f95-cpp-input", "Fortran"},
    {"rs", "Rust"}, {"d", "D"}, {"go", "Go"}, {"swift", "Swift"}, {"vala", "Vala"}, {"java", "Java"},
    {"ll", "LLVM IR"}, {"bc", "LLVM IR"}, {"ir", "LLVM IR"},
    {"o", "an object file"}, {"obj", "an object file"},
};

static const char *other_language(const char *name) {
  for (size_t i = 0; i < sizeof other_languages / sizeof *other_languages; i++)
    if (!strcmp(other_languages[i].ext_or_x, name))
      return other_languages[i].language;
  return NULL;
}

const char *compdb_other_language(const char *path, const char *const *argv, int argc) {
  const char *x = NULL;
  for (int i = 0; argv && i < argc; i++) {
    if (!strcmp(argv[i], "-x") && i + 1 < argc)
      x = argv[++i];
    else if (!strncmp(argv[i], "-x", 2) && argv[i][2])
      x = argv[i] + 2;
  }
  if (x && strcmp(x, "none") != 0)
    return other_language(x);
  const char *slash = strrchr(path, '/');
  const char *dot = strrchr(slash ? slash + 1 : path, '.');
  return dot ? other_language(dot + 1) : NULL;
}

bool compdb_args_are_cxx(const char *path, const char *const *argv, int argc) {
  return compdb_args_lang(path, argv, argc) == SRC_CXX;
}

bool header_job_is_cxx(const struct job *j) { return compdb_args_are_cxx(j->file, j->args, j->nargs); }

static const char *const source_exts[] = {"c", "cc", "cpp", "cxx", "c++", "C", "cu", "m", "mm", NULL};

/* stem_len: the length of the base name without its extension. */
static size_t stem_len(const char *base) {
  const char *dot = strrchr(base, '.');
  return dot && dot != base ? (size_t)(dot - base) : strlen(base);
}

const struct job *header_pick(const struct job *all, size_t n, const char *abs, struct header_index **idx,
                              enum header_why *why) {
  if (!n)
    return NULL;
  const char *base = base_of(abs);
  const struct job *best = NULL;
  size_t best_len = 0;
  /* 1. a unit that includes it */
  if (!*idx)
    *idx = build(all, n);
  if (*idx && (*idx)->n) {
    char *abs_real = realpath(abs, NULL);
    for (uint32_t k = *slot_for(*idx, base); k; k = (*idx)->v[k - 1].next) {
      const struct spelled *s = &(*idx)->v[k - 1];
      const struct job *j = &all[s->unit];
      size_t l = path_common_dir(abs, j->file);
      if (best && l <= best_len)
        continue;
      if (includes(j, s->name, abs, abs_real))
        best = j, best_len = l;
    }
    free(abs_real);
    if (best) {
      *why = HEADER_INCLUDER;
      return best;
    }
  }
  /* 2. a same-named source */
  size_t sl = stem_len(base);
  for (size_t i = 0; i < n; i++) {
    const char *b = base_of(all[i].file);
    if (stem_len(b) != sl || strncmp(b, base, sl) != 0 || !path_has_ext(b, source_exts))
      continue;
    size_t l = path_common_dir(abs, all[i].file);
    if (!best || l > best_len)
      best = &all[i], best_len = l;
  }
  if (best) {
    *why = HEADER_SAME_NAME;
    return best;
  }
  /* 3. the nearest unit of the majority language (C++ on a tie: a C++ header read as C fails
   * at its first class, where a C header read as C++ mostly parses) */
  size_t cxx = 0;
  for (size_t i = 0; i < n; i++)
    cxx += header_job_is_cxx(&all[i]);
  bool want_cxx = cxx * 2 >= n || path_is_cxx(abs); /* .hpp: a C++ unit's, if there is one */
  for (int pass = 0; pass < 2 && !best; pass++) /* then any unit: its -std= is left out */
    for (size_t i = 0; i < n; i++) {
      if (pass == 0 && header_job_is_cxx(&all[i]) != want_cxx)
        continue;
      size_t l = path_common_dir(abs, all[i].file);
      if (!best || l > best_len)
        best = &all[i], best_len = l;
    }
  *why = HEADER_MAJORITY;
  return best;
}
