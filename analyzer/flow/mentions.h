/* mentions.h: which C functions can touch a vtask at all, told from their text, so that the
 * lowering, the analysis's whole cost (on lua, whose 1,093 functions hold none, 15% of a run
 * above the parse), is spent on those alone.
 *
 * A C function holds a tracked value only through a name spelled in its text or in a macro its
 * text uses: a tracked type's (pthread_t), a call's with a role (pthread_join), or a name
 * declared with one of those (a typedef, a field, a global, a function returning or taking
 * one). The relevant words start as the model's (model_words) and grow:
 *   - a macro whose body spells a relevant word, or pastes tokens together (##), is relevant,
 *     and counts as a type word (it may expand to a type);
 *   - a top-level declaration whose text spells a type word (a tracked type, a relevant
 *     macro, a relevant typedef, an annotation "vtask::...") makes its name relevant, and the
 *     names of those of its fields whose text spells one; a typedef's name, a struct's or a
 *     union's tag become type words. Found by a walk of the unit's top-level declarations
 *     (system headers too: uv_thread_t is pthread_t) in the files that spell a type word.
 * A C function is analysed when its text spells a relevant word or holds an #include (the
 * text included is elsewhere). The test only ever errs towards analysing: a function it
 * spares holds no vtask, so has no finding and adds nothing to another's analysis (summaries
 * are of functions taking vtasks). C++ functions are always analysed: overloads, templates,
 * `auto` and implicit conversions hide types from the text.
 *
 * What the worker has read is kept for its next units: every file's identifiers and macro
 * bodies (by content hash), and the relevant words, which only grow (a word made relevant by
 * one unit's declaration only costs another unit some analysis). A unit whose files libclang
 * cannot show (a -include-pch, -imacros) is analysed in full. */
#ifndef VTL_FLOW_MENTIONS_H
#define VTL_FLOW_MENTIONS_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#include "analyzer/model/model.h"

struct mentions;

/* mentions_new: an empty index (NULL when out of memory: then every function is analysed). */
struct mentions *mentions_new(void);
void mentions_free(struct mentions *m);

/* One file of a unit, as the driver lists them (driver/unit_files.h). */
struct mentions_file {
  CXFile file;
  const char *text;     /* libclang's buffer, or NULL: asked for when needed */
  size_t len;
  bool main;            /* the main file: its text may be an editor's, never the disk's */
  CXFile includer;      /* the file whose #include read it, or NULL */
  unsigned include_off; /* where in the includer */
};

/* mentions_unit: readies m for the functions of tu: every file it read (files, n: system
 * headers too), its arguments (for -D, -include-pch, -imacros) and its configuration's
 * awaitables. Call once per unit before mentions_function; the unit must outlive the calls. */
void mentions_unit(struct mentions *m, CXTranslationUnit tu, const struct mentions_file *files, size_t n,
                   const char *const *args, int nargs, const struct model_settings *s);
/* mentions_function: false when definition fn surely holds no vtask (then its analysis can be
 * skipped); true otherwise, and always for a function that is not C. */
bool mentions_function(struct mentions *m, CXCursor fn);

#endif
