/* unit.h: analysing one translation unit: parse with libclang, report clang's errors, walk
 * declarations, lower and solve each function body, run the rules. Never prints or exits:
 * findings go to a diag_list, a failure to a one-line message. */
#ifndef VTL_DRIVER_UNIT_H
#define VTL_DRIVER_UNIT_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "analyzer/model/model.h"

struct mentions;
#include "analyzer/report/diag.h"
#include "analyzer/support/strbuf.h"

struct unit_config {
  const char *resource_dir; /* passed as -resource-dir (libclang.md section 7) */
  const char *checks;       /* glob list of enabled rules; NULL: all */
  FILE *dump_cfg;           /* print every function's cfg here (debugging); NULL: no */
  int max_depth;            /* lowering's nesting bound; 0: the default for an 8 MiB stack */
  const char *warnings_as_errors;   /* glob list of rules reported as errors; NULL: none */
  const char *header_filter;        /* POSIX ERE: headers whose findings are shown; NULL: all
                                       non-system headers */
  const struct model_settings *settings; /* profiles and configured awaitables; NULL: defaults */
  const char *header_filter_base;   /* absolute directory a HeaderFilter path may also be read
                                       relative to (the .vtasklint.yaml's); NULL: none */
};

/* Every file a unit read, with its content hash (for the result cache). */
struct unit_dep {
  char *path;
  uint64_t hash;
};

struct unit_deps {
  struct unit_dep *v;
  size_t n, cap;
  bool unsure; /* a file read could not be named so that the cache can check it: store nothing */
};

void unit_deps_release(struct unit_deps *d);

struct unit_input {
  const char *path;         /* the source file (absolute, or relative to workdir) */
  const char *const *args;  /* compiler arguments, without the compiler and the file */
  int nargs;
  const char *workdir;      /* the compile command's directory; NULL: current directory */
  const char *contents;     /* unsaved buffer for path (an editor's), or NULL */
  unsigned long contents_len;
  struct unit_deps *deps;   /* when non-NULL: filled with every file the unit read */
  struct mentions *mentions; /* optional: a worker's index of what files spell, kept across its
                                units (flow/mentions.h); NULL: the unit makes its own */
  unsigned *bodies_needed;   /* non-NULL: the preamble was parsed without its function bodies
                                (unit_analyze_tu sets BODIES_* in it, see there) */
};

/* unit_analyze: unit_parse, unit_analyze_tu, dispose. 0 when the unit was analysed (its
 * findings and clang's errors are in out), -1 when it could not be (err holds
 * "<file>: <reason>"). */
int unit_analyze(CXIndex idx, const struct unit_input *in, const struct unit_config *cfg,
                 struct diag_list *out, struct strbuf *err);

/* The two halves, for a caller that keeps the translation unit (the language server's worker
 * reparses it after each edit, analysing it again each time):
 * unit_parse: parses in (with its unsaved contents) into *tu, with the unit's arguments and
 * the resource directory; flags are added to CXTranslationUnit_KeepGoing (0 for the CLI;
 * CXTranslationUnit_PrecompiledPreamble and friends for an editor). 0, or -1 with err holding
 * "<file>: <reason>" and *tu NULL. The caller disposes *tu.
 * unit_analyze_tu: the analysis of a parsed (or reparsed) tu, findings and clang's errors
 * appended to out. in->path names the main file, in->contents says whether the text is an
 * unsaved buffer, in->deps (when non-NULL) is filled; args are not read. tu is not disposed.
 * With in->bodies_needed, the findings may differ from those of a parse with every body
 * (clang's AST of the main file is the same, but what instantiating the skipped bodies would
 * have done is missing), so the analysis says when they may:
 * BODIES_FOR_CODE: the main file's own code may need them. A tracked value was passed to a
 *   callee without a body (its summary, flow/summary.h, could come from one skipped: also a
 *   friend defined in a header's class template, whatever declares it), or the main file has
 *   code a header's template could instantiate: a template, a generic lambda, an explicit
 *   specialization (its errors, and "specialization after instantiation", come from bodies).
 * BODIES_FOR_ERRORS: clang found an error. It may be one that a skipped body would have
 *   answered (a function used only there is "unused" under -Werror), and a skipped body's
 *   errors would have counted toward clang's error limit. */
enum { BODIES_FOR_CODE = 1, BODIES_FOR_ERRORS = 2 };
int unit_parse(CXIndex idx, const struct unit_input *in, const struct unit_config *cfg, unsigned flags,
               CXTranslationUnit *tu, struct strbuf *err);
void unit_analyze_tu(CXTranslationUnit tu, const struct unit_input *in, const struct unit_config *cfg,
                     struct diag_list *out);
/* unit_analyze_tu_files: unit_analyze_tu with the unit's files given (what unit_files_collect
 * would list for tu; they must outlive the call), for a caller that knows them without asking
 * libclang again (the language server's worker, between reparses of one preamble). */
struct unit_files;
void unit_analyze_tu_files(CXTranslationUnit tu, const struct unit_input *in, const struct unit_config *cfg,
                           const struct unit_files *files, struct diag_list *out);

/* Sharing a precompiled preamble between the units of a group (driver/group.c). The first
 * unit of a group is the parse that builds the preamble, analysed in full; what its analysis
 * found in the preamble's headers (findings, clang's errors, the engine's counters) is
 * recorded. Each later unit is a reparse of that translation unit with its own text: the
 * preamble's headers are not analysed again, their record is added instead; unless the record
 * may depend on the first unit's own code (a header's function calls one defined after the
 * preamble, or one not defined at all that the next unit could define), or the reparse did
 * not reuse the same preamble files: then the unit is analysed in full like the first. */
struct unit_share {
  const char *parsed_as;      /* the TU's main file name, when it is another unit's; else NULL */
  const char *text;           /* with parsed_as: this unit's own text (the TU's is the other
                                 unit's preamble, then this unit's body) */
  size_t text_len;
  unsigned tu_lines, own_lines; /* with parsed_as: the two preambles' lines (rule_unit_opts) */
  bool record;                /* the first unit: record */
  bool reuse;                 /* a later unit: reuse the record */
  struct diag_list *headers;  /* the record */
  struct strbuf *files;       /* the preamble's files, by name, as the record saw them */
  bool unsure;                /* out (record): the record may depend on the first unit's code */
  bool errors;                /* out (record): clang found errors (no unit reuses this one) */
  bool unmappable;            /* out (reuse): a finding in the TU's preamble cannot be shown
                                 at this unit's lines: analyse it on its own instead */
  bool reused;                /* out (reuse): the record was used */
};

/* unit_analyze_shared: unit_analyze_tu for a unit of a preamble group. */
void unit_analyze_shared(CXTranslationUnit tu, const struct unit_input *in, const struct unit_config *cfg,
                         struct diag_list *out, struct unit_share *share);

/* unit_rule_enabled: the checks glob list enables rule id. */
bool unit_rule_enabled(const struct unit_config *cfg, const char *id);

#endif
