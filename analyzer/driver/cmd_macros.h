/* cmd_macros.h: the macros a compile command defines (-D) and undefines (-U), for preamble
 * groups (preamble.h, group.h) whose units differ only in them.
 *
 * Build systems often give each unit a -D of its own (-DUNIT_NAME=foo, -DBENCH_UNIT=7) that
 * its headers never read. Such units can share one precompiled preamble: the preamble's
 * declarations and macros come out the same whatever the macro's value, as long as neither
 * the preamble nor any file it includes spells the macro's name. The unit's own body must
 * still see its own value, and a reparse of the group's translation unit keeps the first
 * unit's command, so the body is preceded by directives that turn the first command's macros
 * into this unit's (#undef N, #define N V), behind a token that ends the preamble there
 * (clang's preamble is the leading run of directives; this way the precompiled one stays the
 * same bytes). */
#ifndef VTL_DRIVER_CMD_MACROS_H
#define VTL_DRIVER_CMD_MACROS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/support/strbuf.h"

/* cmd_macro_arg: args[i] is a -D or -U (also "-D NAME" as two arguments: 2), 0 otherwise. */
int cmd_macro_arg(const char *const *args, int nargs, int i);

/* cmd_macros_variant: a hash of args' -D and -U arguments, in order: units of one preamble
 * group with the same value define the same macros (pool.c puts them one after another, so
 * that a group whose headers do read a macro that differs is shared by each set of its units
 * in turn: group.c). */
uint64_t cmd_macros_variant(const char *const *args, int nargs);

/* cmd_macros_rebase: the directives that make a body parsed under command `from` see the
 * macros of command `to` (empty when they define the same), one per line after a first line
 * holding CMD_MACROS_FENCE; *lines: how many lines. names gets the name of each macro that
 * differs, and of each macro of either command whose value spells such a name (its expansion
 * differs too), each followed by '\0'. false when that cannot be said by directives (a value
 * with a line break in it). */
bool cmd_macros_rebase(const char *const *from, int nfrom, const char *const *to, int nto, struct strbuf *directives,
                       unsigned *lines, struct strbuf *names);

/* The first line of the directives: a token, so that clang's preamble ends before them, that
 * means nothing (a pragma clang knows, balanced). */
#define CMD_MACROS_FENCE "_Pragma(\"clang diagnostic push\") _Pragma(\"clang diagnostic pop\")"

/* cmd_macros_spelled: name (an identifier) occurs in text[0, n) as a whole identifier. */
bool cmd_macros_spelled(const char *text, size_t n, const char *name);

/* cmd_words: the identifiers some texts spell, for cmd_macros_spelled asked of them again and
 * again (a preamble group's preamble and every file it includes: megabytes of headers, while
 * their distinct identifiers are some ten thousands), kept as 64-bit hashes. A word is each
 * maximal run of identifier characters (c_lex.h's c_ident_char), as cmd_macros_spelled reads
 * a whole identifier. */
struct cmd_words {
  uint64_t *slot; /* open addressing; 0: empty */
  size_t cap, n;  /* cap: a power of two, or 0 */
  bool full;      /* out of memory once: every name is then said to be spelled */
};

/* cmd_words_add: text[0, n)'s words join w. */
void cmd_words_add(struct cmd_words *w, const char *text, size_t n);

/* cmd_words_has: name (an identifier) is one of w's words, as cmd_macros_spelled says of the
 * texts added, or shares a word's hash (one in 2^64: the caller's answer must be the safe
 * one for a name spelled). */
bool cmd_words_has(const struct cmd_words *w, const char *name);

void cmd_words_release(struct cmd_words *w);

#endif
